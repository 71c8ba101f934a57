// Every benchmark section, in the order they run. Later issues add theirs here.
import type { BenchSection } from '../bench-section.ts';

export const sections: BenchSection[] = [];
