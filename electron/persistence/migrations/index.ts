// Every migration, in order. To add one: create NNNN-name.ts exporting `migration`
// ({ version: NNNN, name, up }) and its NNNN-name.test.ts, then append it here.
// index.test.ts checks that every file in this folder is listed with the version in its name.
import { migration as journal } from './0001-journal.ts';
import { migration as settings } from './0002-settings.ts';
import { migration as orders } from './0003-orders.ts';
import { migration as strategies } from './0004-strategies.ts';
import { migration as positionSnapshots } from './0005-position-snapshots.ts';
import { migration as decisions } from './0006-decisions.ts';
import { migration as alerts } from './0007-alerts.ts';
import { migration as riskEvents } from './0008-risk-events.ts';
import { migration as deadLetters } from './0009-dead-letters.ts';
import { validateMigrations, type Migration } from './migration.ts';

export const migrations: readonly Migration[] = [journal, settings, orders, strategies, positionSnapshots, decisions, alerts, riskEvents, deadLetters];

validateMigrations(migrations);
