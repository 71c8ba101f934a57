// Which sector each underlying belongs to, for the per-sector concentration limit. Symbols not
// in the map have no sector: only the per-underlying limit applies to them.
import { invalid } from '../../shared/domain/errors.ts';
import { requireNonEmptyString, requireSymbol } from '../../shared/domain/validate.ts';

export type SectorMap = ReadonlyMap<string, string>;

export const EMPTY_SECTOR_MAP: SectorMap = new Map();

/** { SPY: 'broad-market', XLE: 'energy', … } → SectorMap, each symbol and sector validated. */
export function createSectorMap(sectorBySymbol: Readonly<Record<string, string>>): SectorMap {
  if (typeof sectorBySymbol !== 'object' || sectorBySymbol === null) invalid('sectors', 'must be an object of symbol → sector', sectorBySymbol);
  const map = new Map<string, string>();
  for (const [symbol, sector] of Object.entries(sectorBySymbol)) {
    map.set(requireSymbol(symbol, 'sectors key'), requireNonEmptyString(sector, `sectors.${symbol}`, 100));
  }
  return map;
}
