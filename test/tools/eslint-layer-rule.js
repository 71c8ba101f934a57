// ESLint rule that enforces the layer table of the design (../shared/DESIGN.md, "Layers and where
// they run"). Every import is resolved to the layer it lands in, and checked against what the
// importing file's layer may use. A wrong import fails `npm test`.
import { builtinModules } from 'node:module';
import path from 'node:path';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Packages with native code, Node-only behaviour or Electron: never in shared/ or the page. */
const nodeOnlyPackages = new Set(['better-sqlite3', '@stoqey/ib', 'electron', 'electron-builder']);

/** The layer a repository-relative path belongs to. */
export function layerOf(relativePath) {
  const normalized = relativePath.split(path.sep).join('/');
  if (/\.test\.tsx?$/.test(normalized) || normalized.startsWith('test/')) return 'test';
  if (normalized.startsWith('shared/ipc/')) return 'shared-ipc';
  if (normalized.startsWith('shared/')) return 'shared';
  if (normalized.startsWith('electron/main/')) return 'electron-main';
  if (normalized.startsWith('electron/preload/')) return 'electron-preload';
  if (normalized.startsWith('electron/')) return 'engine';
  if (normalized.startsWith('renderer/')) return 'renderer';
  return 'tooling';
}

/** Which layers each layer may import from (by relative path). */
const allowedLayers = {
  shared: ['shared', 'shared-ipc'],
  'shared-ipc': ['shared', 'shared-ipc'],
  engine: ['shared', 'shared-ipc', 'engine'],
  'electron-main': ['shared', 'shared-ipc', 'engine', 'electron-main'],
  'electron-preload': ['shared-ipc', 'electron-preload'],
  renderer: ['shared', 'shared-ipc', 'renderer'],
};

function packageName(source) {
  if (source.startsWith('node:')) return source;
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Returns a message when `layer` may not import the bare package `name`, else undefined. */
export function packageViolation(layer, name) {
  const isBuiltin = nodeBuiltins.has(name);
  switch (layer) {
    case 'shared':
    case 'shared-ipc':
      if (name === 'zod') return undefined;
      return `shared/ is pure TypeScript: it may import only other shared/ files and 'zod', not '${name}'`;
    case 'engine':
      if (name === 'electron') return `engines under electron/ never import 'electron' (only electron/main and electron/preload may)`;
      if (['react', 'react-dom', 'zustand'].includes(name)) return `engines under electron/ never import the UI package '${name}'`;
      return undefined;
    case 'electron-main':
      if (['react', 'react-dom', 'zustand'].includes(name)) return `electron/main never imports the UI package '${name}'`;
      return undefined;
    case 'electron-preload':
      if (name === 'electron') return undefined;
      return `electron/preload may import only 'electron' and shared/ipc, not '${name}'`;
    case 'renderer':
      if (isBuiltin) return `renderer/ runs in the page: it may not import the Node built-in '${name}'`;
      if (nodeOnlyPackages.has(name)) return `renderer/ runs in the page: it may not import '${name}'`;
      return undefined;
    default:
      return undefined;
  }
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImportsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer table: which folders and packages each layer may import' },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const fileLayer = layerOf(path.relative(repositoryRoot, filename));
    if (fileLayer === 'test' || fileLayer === 'tooling') return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.') || source.startsWith('/')) {
        const target = path.resolve(path.dirname(filename), source);
        const targetLayer = layerOf(path.relative(repositoryRoot, target));
        if (!allowedLayers[fileLayer].includes(targetLayer)) {
          context.report({ node, message: `${fileLayer} may not import from ${targetLayer} ('${source}')` });
        }
        return;
      }
      const message = packageViolation(fileLayer, packageName(source));
      if (message) context.report({ node, message });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
