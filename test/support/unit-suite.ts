// The unit test files named in TIPNET_UNIT_FILES (one path per line), loaded into one process:
// they start no server and share no state, and one process instead of one per file takes the
// unit suite from about 70 s to about 11 s on a 2-core machine. test/run-tests.mjs sets the list.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of (process.env.TIPNET_UNIT_FILES ?? '').split('\n').filter(Boolean)) {
  await import(pathToFileURL(resolve(file)).href);
}
