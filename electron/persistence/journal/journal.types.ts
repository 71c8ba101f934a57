// The shapes the journal reads and writes.

export type JournalEntry<Payload = unknown> = {
  /** 1, 2, 3, … without gaps. */
  readonly sequence: number;
  /** Epoch milliseconds from the journal's clock when the entry (or its batch) was appended. */
  readonly timestamp: number;
  readonly type: string;
  readonly payload: Payload;
  readonly prevHash: string;
  readonly hash: string;
};

export type NewJournalEntry = { readonly type: string; readonly payload: unknown };

export type JournalReadOptions = {
  /** First sequence to return (default 1). */
  fromSequence?: number;
  /** Last sequence to return (default: the end). */
  toSequence?: number;
  /** Only entries of these types (default: every type). */
  types?: readonly string[];
  /** At most this many entries (default: no limit). */
  limit?: number;
};

/** The last appended entry: sequence 0 and the genesis hash when the journal is empty. */
export type JournalHead = { readonly sequence: number; readonly hash: string };

export type JournalProblemKind =
  /** A sequence number is missing (a row was deleted or renumbered). */
  | 'gap'
  /** A row's hash does not match its content (payload, type, timestamp or sequence changed). */
  | 'hash-mismatch'
  /** A row's prevHash is not the previous row's hash (a row replaced whole, or rows reordered). */
  | 'chain-broken'
  /** The head record vouches for more rows than exist: the tail was cut off. */
  | 'truncated'
  /** Rows exist past the head, or the last row is not the one the head vouches for. */
  | 'head-mismatch'
  /** A row or the head has the wrong shape (not an integer, not a 64-digit hex hash, …). */
  | 'malformed';

export type JournalProblem = { readonly sequence: number; readonly kind: JournalProblemKind; readonly message: string };

export type JournalVerification =
  | { readonly ok: true; readonly entries: number; readonly head: JournalHead }
  | { readonly ok: false; readonly problem: JournalProblem };
