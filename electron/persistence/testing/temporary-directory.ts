// A real folder under the OS temp directory for tests and benchmarks that need real SQLite files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Disposable } from '../../core/lifecycle.ts';

export type TemporaryDirectory = Disposable & {
  readonly path: string;
  /** The path of `name` inside the directory. */
  file(name: string): string;
};

export function createTemporaryDirectory(prefix = 'workstation-'): TemporaryDirectory {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    path: directory,
    file: (name) => path.join(directory, name),
    dispose: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}
