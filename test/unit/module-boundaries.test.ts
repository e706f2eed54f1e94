// The architecture rule of services/: each top-level folder is a module with one public entry,
// its mod.ts, and code outside the module imports only that entry. Tests may reach a module's
// insides (they are its specification); bin/ launches the CLI through its entry like anyone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const servicesDir = join(root, 'services');
const modules = readdirSync(servicesDir).filter((name) => statSync(join(servicesDir, name)).isDirectory()).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' || name === 'dashboard' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Relative module specifiers of every static import, re-export and dynamic import in a file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return found.map((match) => match[1] ?? '').filter((specifier) => specifier.startsWith('.'));
}

function moduleOf(path: string): string | undefined {
  const inside = relative(servicesDir, path);
  if (inside.startsWith('..')) return undefined;
  return inside.split(sep)[0];
}

function crossingImports(): string[] {
  const files = [...sourceFiles(servicesDir), ...sourceFiles(join(root, 'bin'))];
  const problems: string[] = [];
  for (const file of files) {
    const from = moduleOf(file);
    for (const specifier of importsOf(file)) {
      const target = resolve(dirname(file), specifier);
      const to = moduleOf(target);
      if (to === undefined || to === from) continue;
      if (target !== join(servicesDir, to, 'mod.ts')) problems.push(`${relative(root, file)} imports ${specifier} (use services/${to}/mod.ts)`);
    }
  }
  return problems;
}

test('code outside a module imports only its mod.ts', () => {
  assert.deepEqual(crossingImports(), []);
});

test('every module has a mod.ts whose opening comment says what it is for and what it exports', () => {
  for (const name of modules) {
    const entry = join(servicesDir, name, 'mod.ts');
    let text = '';
    try {
      text = readFileSync(entry, 'utf8');
    } catch {
      assert.fail(`services/${name} has no mod.ts`);
    }
    const opening = text.match(/^(?:\/\/.*\n)+|^\/\*\*[\s\S]*?\*\//)?.[0] ?? '';
    assert.ok(opening.length >= 80, `services/${name}/mod.ts must open with a comment saying what the module is for and what it exports`);
    assert.match(opening, /export/i, `services/${name}/mod.ts: the opening comment should say what the module exports`);
  }
});

test('the check sees a crossing import when there is one', () => {
  // Guards the checker itself: the router really imports core, so the import scan must find it.
  const routerImports = sourceFiles(join(servicesDir, 'router')).flatMap(importsOf);
  assert.ok(routerImports.some((specifier) => specifier.startsWith('../core/')), 'the scan found no import of core from the router');
});
