// The paper broker store's migrations, in order (one file per migration, each with its test).
import { validateMigrations, type Migration } from '../../../persistence/migrations/migration.ts';
import { migration as paperAccount } from './0001-paper-account.ts';

export const paperMigrations: readonly Migration[] = [paperAccount];

validateMigrations(paperMigrations);
