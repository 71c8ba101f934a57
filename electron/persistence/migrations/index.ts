// Every migration, in order. To add one: create NNNN-name.ts exporting `migration`
// ({ version: NNNN, name, up }) and its NNNN-name.test.ts, then append it here.
// index.test.ts checks that every file in this folder is listed with the version in its name.
import { migration as journal } from './0001-journal.ts';
import { migration as settings } from './0002-settings.ts';
import { validateMigrations, type Migration } from './migration.ts';

export const migrations: readonly Migration[] = [journal, settings];

validateMigrations(migrations);
