import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `relativePath` and returns the layer-rule messages. */
async function layerMessages(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'workstation/layer-imports').map((m) => m.message);
}

describe('layer-imports lint rule', () => {
  it.each([
    ['shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /pure TypeScript/],
    ['shared/domain/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", /pure TypeScript/],
    ['shared/domain/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", /pure TypeScript/],
    ['shared/domain/x.ts', "import { a } from '../../electron/core/clock.ts';\nexport const b = a;\n", /may not import from engine/],
    ['electron/risk/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /never import 'electron'/],
    ['electron/risk/x.ts', "import { a } from '../main/window.ts';\nexport const b = a;\n", /may not import from electron-main/],
    ['renderer/src/x.ts', "import fs from 'fs';\nexport const a = fs;\n", /Node built-in/],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", /may not import 'better-sqlite3'/],
    ['renderer/src/x.ts', "import { a } from '../../electron/core/clock.ts';\nexport const b = a;\n", /may not import from engine/],
    ['electron/preload/x.ts', "import { a } from '../core/clock.ts';\nexport const b = a;\n", /may not import from engine/],
  ])('when %s imports a forbidden module, then lint reports it', async (file, code, expected) => {
    const messages = await layerMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';\nimport { b } from '../options/index.ts';\nexport const a = [z, b];\n"],
    ['electron/risk/x.ts', "import fs from 'node:fs';\nimport { b } from '../../shared/domain/money.ts';\nexport const a = [fs, b];\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { b } from '../core/clock.ts';\nexport const a = [app, b];\n"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nimport { b } from '../../shared/ipc/contract.ts';\nexport const a = [contextBridge, b];\n"],
    ['renderer/src/x.ts', "import { create } from 'zustand';\nimport { b } from '../../shared/domain/money.ts';\nexport const a = [create, b];\n"],
    ['shared/domain/x.test.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
  ])('when %s imports only what its layer allows, then lint accepts it', async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });

  it('when shared/ code touches a Node global, then lint reports it', async () => {
    const [result] = await eslint.lintText('export const env = process.env;\n', {
      filePath: path.join(root, 'shared/domain/x.ts'),
    });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-globals');
  });
});
