// Small functions are a rule of services/ (STYLE.md): wiring over named parts, not one long body.
// This walks every function in services/ with the TypeScript parser and names any over the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const MAX_LINES = 80;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function longFunctions(file: string, maxLines: number): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      if (last - first + 1 > maxLines) found.push(`${relative(root, file)}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test(`no function in services/ is longer than ${MAX_LINES} lines`, () => {
  assert.deepEqual(sourceFiles(join(root, 'services')).flatMap((file) => longFunctions(file, MAX_LINES)), []);
});

test('the length check finds a long function when there is one', () => {
  // Guards the checker: with a limit of 10 lines some function of the router must show up.
  assert.ok(sourceFiles(join(root, 'services', 'router')).some((file) => longFunctions(file, 10).length > 0));
});
