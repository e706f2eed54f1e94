// The wire-contract document is the spec other implementers build from: it must name every
// subject, stream, header and reason code the code defines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REASON_CODES } from '../../services/core/reason-codes.ts';
import { HEADERS, STREAMS, SUBJECT_ROOT, subjects } from '../../services/core/subjects.ts';
import { PAYLOAD_KINDS } from '../../services/core/payload-registry.ts';
import { DIRECTORY_SIGNING_CONTEXT, SIGNING_CONTEXT } from '../../services/core/signing/mod.ts';
import { KEY_DIRECTORY_BUCKET } from '../../services/core/durable-names.ts';

const doc = readFileSync(new URL('../../docs/wire-contract.md', import.meta.url), 'utf8');

test('the wire contract names every stream', () => {
  for (const stream of Object.values(STREAMS)) assert.ok(doc.includes(`\`${stream}\``), `missing stream ${stream}`);
});

test('the wire contract names every header', () => {
  for (const header of Object.values(HEADERS)) assert.ok(doc.includes(`\`${header}\``), `missing header ${header}`);
});

test('the wire contract has a row for every reason code', () => {
  for (const code of Object.keys(REASON_CODES)) assert.match(doc, new RegExp(`\\| \`${code}\` \\|`), `missing reason ${code}`);
});

test('the wire contract shows every subject pattern the code builds', () => {
  const patterns = [
    subjects.submit('IDN', 'real', 'case-alert').replace('IDN.real.case-alert', '<STATE>.<traffic>.<payload>'),
    subjects.deliver('KHM', 'exercise', 'hit-notice').replace('KHM.exercise.hit-notice', '<STATE>.<traffic>.<payload>'),
    subjects.outbox('KHM', 'real', 'case-alert').replace('KHM.real.case-alert', '<STATE>.<traffic>.<payload>'),
    subjects.deadLetter('IDN', 'OVERSIZE').replace('IDN.OVERSIZE', '<STATE>.<REASON>'),
  ];
  for (const pattern of patterns) assert.ok(doc.includes(`\`${pattern}\``), `missing subject ${pattern}`);
  assert.ok(doc.includes(`${SUBJECT_ROOT}.submit.>`));
});

test('the wire contract maps every payload type to its subject token', () => {
  for (const kind of PAYLOAD_KINDS) assert.match(doc, new RegExp(`\\| ${kind.type} \\| \`${kind.name}\` \\|`), `missing payload ${kind.name}`);
});

test('the wire contract quotes the signing context exactly', () => {
  assert.ok(doc.includes(`"${SIGNING_CONTEXT.replace('\n', '\\n')}"`));
  assert.ok(doc.includes(`(${Buffer.byteLength(SIGNING_CONTEXT)} ASCII bytes`));
});

test('the wire contract quotes the key directory signing context exactly and names its subjects and bucket', () => {
  assert.ok(doc.includes(`"${DIRECTORY_SIGNING_CONTEXT.replace('\n', '\\n')}"`));
  assert.ok(doc.includes(`(${Buffer.byteLength(DIRECTORY_SIGNING_CONTEXT)} ASCII bytes`));
  for (const name of [subjects.keyDirectoryPublished(), subjects.keyDirectoryCurrent(), KEY_DIRECTORY_BUCKET]) assert.ok(doc.includes(`\`${name}\``), `missing ${name}`);
});
