// Every benchmark section, in the order they run. Later issues add theirs here.
import type { BenchSection } from '../bench-section.ts';
import { decisionsSection } from './decisions.section.ts';
import { journalSection } from './journal.section.ts';
import { killSwitchSection } from './kill-switch.section.ts';
import { marketSection } from './market.section.ts';
import { optionsSection } from './options.section.ts';
import { simulationSection } from './simulation.section.ts';

export const sections: BenchSection[] = [optionsSection, journalSection, marketSection, killSwitchSection, decisionsSection, simulationSection];
