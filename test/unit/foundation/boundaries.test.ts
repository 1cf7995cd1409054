// The layer rules (README.md, Architecture), checked on every import in the tree:
// only electron/shell imports electron; services are plain Node and never reach into the shell;
// common has no Node and no DOM; the renderer imports no Node and nothing of electron/ but common.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(join(root, dir))) return out;
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|mts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Every module specifier a file imports or requires, type-only imports included. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found = new Set<string>();
  for (const re of [/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const m of text.matchAll(re)) found.add(m[1]);
  }
  return [...found];
}

/** Code without comments, so prose about `window` or `ipcMain` is not mistaken for use. */
function code(file: string): string {
  return readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNode = (spec: string) => builtins.has(spec) || spec.startsWith('node:');
const target = (file: string, spec: string) => relative(root, resolve(root, dirname(file), spec));

function violations(dir: string, rule: (file: string, spec: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const file of sources(dir)) for (const spec of importsOf(file)) {
    const why = rule(file, spec);
    if (why) out.push(`${file}: imports "${spec}" — ${why}`);
  }
  return out;
}

test('the import scanner sees static, dynamic, type-only and require imports', () => {
  assert.deepEqual(importsOf('electron/shell/preload.ts').sort(), ['../common/errors.ts', '../common/ipc/build-api.ts', '../common/ipc/channel.ts', 'electron'].sort());
});

test('only electron/shell imports electron', () => {
  const bad = ['electron/services', 'electron/common', 'renderer', 'test/unit', 'test/integration', 'test/e2e', 'bench'].flatMap((dir) =>
    violations(dir, (_f, spec) => (spec === 'electron' || spec.startsWith('electron/') ? 'only the thin shell may import electron' : undefined)),
  );
  assert.deepEqual(bad, []);
});

test('services are plain Node and never import the shell', () => {
  assert.deepEqual(
    violations('electron/services', (file, spec) => (spec.startsWith('.') && target(file, spec).startsWith('electron/shell') ? 'services must not depend on the shell' : undefined)),
    [],
  );
});

test('common has no Node, no DOM and imports only zod and itself', () => {
  const bad = violations('electron/common', (file, spec) => {
    if (isNode(spec)) return 'common must not use Node';
    if (spec.startsWith('.')) return target(file, spec).startsWith('electron/common') ? undefined : 'common may only import common';
    return spec === 'zod' ? undefined : 'common may only import zod';
  });
  assert.deepEqual(bad, []);
  const domUse = sources('electron/common').filter((f) => /\b(window|document|navigator|localStorage|process|Buffer|__dirname|require)\s*[.(]/.test(code(f)));
  assert.deepEqual(domUse, [], 'common must not touch DOM or Node globals');
});

test('the renderer imports no Node and nothing of electron/ but electron/common', () => {
  const bad = violations('renderer', (file, spec) => {
    if (isNode(spec)) return 'the renderer must not use Node';
    if (spec.startsWith('.')) {
      const t = target(file, spec);
      if (t.startsWith('electron/') && !t.startsWith('electron/common')) return 'the renderer may only import electron/common';
    }
    return undefined;
  });
  assert.deepEqual(bad, []);
});

test('nothing but the preload and shell glue touches ipcRenderer, contextBridge or ipcMain', () => {
  const offenders = [...sources('electron'), ...sources('renderer')].filter(
    (f) => /\b(ipcRenderer|contextBridge|ipcMain)\b/.test(code(f)) && !['electron/shell/preload.ts', 'electron/shell/ipc.ts'].includes(f),
  );
  assert.deepEqual(offenders, []);
});

/** Every file under `dir`, whatever its kind (scripts, shell, JSON, TypeScript). */
function everyFile(dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((rel) => statSync(join(root, rel)).isFile() && !rel.startsWith(join('test', 'fixtures')));
}

test('a clone of the project alone is enough: nothing in test/, bench/, scripts/ or .ci/ reaches outside it', () => {
  const self = relative(root, import.meta.filename);
  const files = ['test', 'bench', 'scripts', '.ci'].flatMap(everyFile).concat(['package.json', 'vite.config.ts', 'electron-builder.config.cjs']);
  const outside = /\.\.[\\/]shared\b/;
  const bad = files.filter((f) => f !== self && outside.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(bad, [], 'test data the project needs lives in test/fixtures/');
});
