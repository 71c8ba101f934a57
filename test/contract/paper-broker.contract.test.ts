// The broker contract suite, run against the paper broker.
import { describeBrokerContract } from './broker-contract.ts';
import { createPaperHarness } from './paper-harness.ts';

describeBrokerContract('paper', createPaperHarness);
