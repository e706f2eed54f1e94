// Writes docs/openapi.json from the node's routes (`npm run openapi`); with --check, fails when
// the checked-in copy differs (CI and the drift test use the same rendering).
import { readFile, writeFile } from 'node:fs/promises';
import { nodeOpenApiText } from '../services/node/mod.ts';

const path = new URL('../docs/openapi.json', import.meta.url);
const text = await nodeOpenApiText();
if (process.argv.includes('--check')) {
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('docs/openapi.json differs from the routes; run `npm run openapi`');
    process.exit(1);
  }
  console.log('docs/openapi.json matches the routes');
} else {
  await writeFile(path, text);
  console.log('wrote docs/openapi.json');
}
