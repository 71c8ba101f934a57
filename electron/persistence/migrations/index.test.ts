import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './index.ts';
import { validateMigrations } from './migration.ts';

describe('migration registry', () => {
  it('when read, then versions run 1, 2, 3, … without gaps', () => {
    expect(() => validateMigrations(migrations)).not.toThrow();
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('when compared with the folder, then every NNNN-name.ts file is registered with the version and name in its file name', () => {
    const files = fs
      .readdirSync(import.meta.dirname)
      .filter((file) => /^\d{4}-.+\.ts$/.test(file) && !file.endsWith('.test.ts'))
      .sort();
    const expected = files.map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -3) }));
    expect(migrations.map(({ version, name }) => ({ version, name }))).toEqual(expected);
  });

  it('when a migration file exists, then it has its own test file', () => {
    const names = fs.readdirSync(import.meta.dirname);
    for (const file of names.filter((name) => /^\d{4}-.+\.ts$/.test(name) && !name.endsWith('.test.ts'))) {
      expect(names, `${file} needs a test`).toContain(path.basename(file, '.ts') + '.test.ts');
    }
  });
});
