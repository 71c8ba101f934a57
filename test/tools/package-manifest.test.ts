// Guards the toolchain promises of package.json: exact pins, the Node floor, no native rebuild step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  build: { npmRebuild: boolean };
};

describe('package.json', () => {
  it('when any dependency is listed, then it is pinned to an exact version', () => {
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    const loose = Object.entries(all).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(loose).toEqual([]);
  });

  it('when the toolchain is checked, then it names Node >=22.12 and .nvmrc names 24', () => {
    expect(manifest.engines.node).toBe('>=22.12');
    expect(readFileSync(path.join(root, '.nvmrc'), 'utf8').trim()).toBe('24');
    expect(readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });

  it('when the app is packaged, then no native rebuild step runs', () => {
    expect(manifest.build.npmRebuild).toBe(false);
    expect(Object.values(manifest.scripts).join(' ')).not.toMatch(/electron-rebuild|install-app-deps/);
  });

  it('when the required majors are checked, then they match the project toolchain', () => {
    const major = (name: string) => Number((manifest.dependencies[name] ?? manifest.devDependencies[name] ?? '0').split('.')[0]);
    expect({
      electron: major('electron'),
      'better-sqlite3': major('better-sqlite3'),
      react: major('react'),
      zustand: major('zustand'),
      vitest: major('vitest'),
      vite: major('vite'),
      rxjs: major('rxjs'),
      'electron-builder': major('electron-builder'),
    }).toEqual({ electron: 45, 'better-sqlite3': 13, react: 19, zustand: 5, vitest: 5, vite: 8, rxjs: 7, 'electron-builder': 26 });
    expect(manifest.dependencies['@stoqey/ib']).toMatch(/^1\.6\./);
    expect(manifest.devDependencies.typescript).toMatch(/^5\.9\./);
  });
});
