// Every benchmark section, in the order they run. Later issues add theirs here.
import type { BenchSection } from '../bench-section.ts';

export const sections: BenchSection[] = [];
import { journalSection } from './journal.section.ts'; sections.push(journalSection);
import { optionsSection } from './options.section.ts'; sections.push(optionsSection);
import { marketSection } from './market.section.ts'; sections.push(marketSection);
