// Byte compatibility with an independent implementation: protoc (the C++ reference) encodes and
// decodes the same bytes as our generated protobufjs code, for every message of the contract. A
// state building its node in another language relies on exactly this.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { decodePayload } from '../../services/core/codec.ts';
import { PAYLOAD_KINDS, type PayloadKind } from '../../services/core/payload-registry.ts';
import { tip } from '../../services/core/proto.ts';
import { SAMPLE_PAYLOADS, sampleEnvelopeFields } from '../support/message-samples.ts';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const protoRoot = join(repositoryRoot, 'proto');
const PROTO_FILES = readdirSync(join(protoRoot, 'asean/tip/v1'))
  .filter((name) => name.endsWith('.proto')).sort().map((name) => `asean/tip/v1/${name}`);
const PACKAGE = 'asean.tip.v1';

// ---------------------------------------------------------------------------------------------
// protoc

function findProtoc(): string {
  const candidates = [
    ...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'protoc')),
    '/usr/bin/protoc',
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; try the next one
    }
  }
  throw new Error(
    'protoc was not found on PATH or at /usr/bin/protoc. These tests check byte compatibility with the '
    + 'reference implementation and must not be skipped: install it (Debian/Ubuntu: '
    + '`apt-get install protobuf-compiler`) and run the tests again.',
  );
}

let protocPath: string | undefined;

function protoc(args: readonly string[], input?: Uint8Array): Buffer {
  protocPath ??= findProtoc();
  return execFileSync(protocPath, [`--proto_path=${protoRoot}`, ...args], {
    cwd: repositoryRoot, input, maxBuffer: 16 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function protocEncode(typeName: string, text: string): Buffer {
  return protoc([`--encode=${PACKAGE}.${typeName}`, ...PROTO_FILES], Buffer.from(text, 'utf8'));
}

function protocDecode(typeName: string, bytes: Uint8Array): string {
  return protoc([`--decode=${PACKAGE}.${typeName}`, ...PROTO_FILES], bytes).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Text format, as protoc prints it: `name: value` lines and `name { ... }` blocks.

interface TextMessage { [field: string]: TextValue[] }
type TextValue = string | Buffer | TextMessage;

function parseTextFormat(text: string): TextMessage {
  const stack: TextMessage[] = [{}];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const top = stack[stack.length - 1]!;
    if (line === '}') {
      stack.pop();
      continue;
    }
    const block = /^(\w+) \{$/.exec(line);
    if (block) {
      const child: TextMessage = {};
      (top[block[1]!] ??= []).push(child);
      stack.push(child);
      continue;
    }
    const scalar = /^(\w+): (.*)$/.exec(line);
    assert.ok(scalar, `unexpected text-format line: ${line}`);
    const value = scalar[2]!;
    (top[scalar[1]!] ??= []).push(value.startsWith('"') ? unescapeText(value) : value);
  }
  assert.equal(stack.length, 1, 'unbalanced braces in text format');
  return stack[0]!;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, '"': 34, "'": 39, '\\': 92 };

/** A C-escaped, double-quoted text-format string to its raw bytes. */
function unescapeText(quoted: string): Buffer {
  assert.ok(quoted.length >= 2 && quoted.endsWith('"'), `not a quoted string: ${quoted}`);
  const body = Buffer.from(quoted.slice(1, -1), 'latin1');
  const out: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i]!;
    if (byte !== 0x5c) {
      out.push(byte);
      continue;
    }
    const next = String.fromCharCode(body[i + 1]!);
    const octal = /^[0-7]{1,3}/.exec(body.subarray(i + 1, i + 4).toString('latin1'));
    if (octal) {
      out.push(parseInt(octal[0], 8));
      i += octal[0].length;
    } else if (next === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.subarray(i + 2, i + 4).toString('latin1'));
      assert.ok(hex, 'bad \\x escape');
      out.push(parseInt(hex[0], 16));
      i += 1 + hex[0].length;
    } else {
      const simple = SIMPLE_ESCAPES[next];
      assert.ok(simple !== undefined, `unknown escape \\${next}`);
      out.push(simple);
      i += 1;
    }
  }
  // protoc escapes non-ASCII bytes one by one; strings are UTF-8 underneath, so keep the raw bytes.
  return Buffer.from(out);
}

/** Raw bytes as a text-format string literal (every byte octal-escaped). */
function textBytes(bytes: Uint8Array): string {
  return `"${[...bytes].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('')}"`;
}

// ---------------------------------------------------------------------------------------------
// Reflection over the .proto files, to walk every field without naming them here.

function loadContract(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(protoRoot, target));
  root.loadSync(PROTO_FILES);
  root.resolveAll();
  return root;
}

const contract = loadContract();

function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const TEXT_VIEW = Object.freeze({ longs: String, enums: String, bytes: String, defaults: false, arrays: false });

/**
 * Asserts that what protoc printed holds exactly the values of `object` (a generated-class
 * toObject with TEXT_VIEW), field by field, following the reflected type.
 */
function assertTextMatches(type: protobuf.Type, printed: TextMessage, object: Record<string, unknown>, path = type.name): void {
  const known = new Set(type.fieldsArray.map((field) => snakeCase(field.name)));
  for (const name of Object.keys(printed)) assert.ok(known.has(name), `${path}: protoc printed unknown field ${name}`);
  for (const field of type.fieldsArray) {
    const at = `${path}.${snakeCase(field.name)}`;
    const value = object[field.name];
    const values = value === undefined ? [] : field.repeated ? (value as unknown[]) : [value];
    const texts = printed[snakeCase(field.name)] ?? [];
    assert.equal(texts.length, values.length, `${at}: protoc printed ${texts.length} values, expected ${values.length}`);
    values.forEach((expected, index) => {
      const text = texts[index]!;
      const where = field.repeated ? `${at}[${index}]` : at;
      if (field.resolvedType instanceof protobuf.Type) {
        assert.ok(typeof text === 'object' && !Buffer.isBuffer(text), `${where}: expected a block`);
        assertTextMatches(field.resolvedType, text, expected as Record<string, unknown>, where);
      } else if (field.type === 'bytes') {
        assert.ok(Buffer.isBuffer(text), `${where}: expected a quoted string`);
        assert.equal(text.toString('base64'), expected, where);
      } else if (field.type === 'string') {
        assert.ok(Buffer.isBuffer(text), `${where}: expected a quoted string`);
        assert.equal(text.toString('utf8'), expected, where);
      } else if (field.type === 'double' || field.type === 'float') {
        assert.equal(Number(text), expected, where);
      } else {
        // enums (names), integers (decimal) and bools (true/false) print as bare tokens
        assert.equal(text, String(expected), where);
      }
    });
  }
}

/** Field numbers protoc --decode_raw sees at the top level, with the raw bytes of quoted values. */
function rawTopLevelFields(printed: string): Map<number, TextValue[]> {
  const fields = new Map<number, TextValue[]>();
  for (const [name, values] of Object.entries(parseTextFormat(printed.replace(/^(\s*)(\d+)([:{ ])/gm, '$1f$2$3')))) {
    fields.set(Number(name.slice(1)), values);
  }
  return fields;
}

function typeNameOf(kind: PayloadKind): string {
  const type = contract.lookupType(`${PACKAGE}.${kind.name.replace(/(^|-)(\w)/g, (_m, _dash, letter: string) => letter.toUpperCase())}`);
  return type.name;
}

function sampleOf(kind: PayloadKind): unknown {
  const sample = (SAMPLE_PAYLOADS as Record<string, unknown>)[kind.name];
  assert.ok(sample, `test/support/message-samples.ts has no sample for payload type ${kind.name}`);
  return sample;
}

const ENVELOPE_CLASS = tip.Envelope as unknown as PayloadKind['messageClass'];

// ---------------------------------------------------------------------------------------------
// (a) protoc encodes hand-written text-format fixtures; our generated code decodes them.

const DIGEST_A = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff));
const DIGEST_B = Buffer.from(Array.from({ length: 32 }, (_, i) => (255 - i * 5) & 0xff));

interface Fixture {
  readonly typeName: string;
  readonly text: string;
  /** toObject({ enums: String, longs: Number, bytes: String }) of the decoded message. */
  readonly expected: Record<string, unknown>;
}

const RETRACTION_TEXT = `
retracted_message_id: "c7e05b38-92a1-4f0d-8e6b-4d3a1c9f2e75"
kind: RETRACTION_KIND_WITHDRAW
reason: "Duplicate of alert IDN-2026-000123; disregard."
replacement_message_id: "e4b81f07-5d2c-4a39-b6e0-7a9c3d1f8b62"
`;

const FIXTURES: readonly Fixture[] = [
  {
    typeName: 'CaseAlert',
    text: `
kind: CASE_ALERT_KIND_RESCUE_REQUEST
summary: "Five IDN nationals held in a compound in Sihanoukville; recruited via a \\"job\\" post."
route {
  legs { state: "IDN" role: ROUTE_ROLE_ORIGIN place: "Medan" }
  legs { state: "THA" role: ROUTE_ROLE_TRANSIT place: "Bangkok" }
  legs { state: "KHM" role: ROUTE_ROLE_DESTINATION place: "Sihanoukville" }
}
victims {
  count: 3
  age_band: AGE_BAND_18_TO_24
  gender: GENDER_MALE
  nationality: "IDN"
  identifiers { kind: IDENTIFIER_KIND_PASSPORT hash_key_id: "ASEAN-MATCH-2026-01" digest: ${textBytes(DIGEST_A)} }
  identifiers { kind: IDENTIFIER_KIND_PHONE hash_key_id: "ASEAN-MATCH-2026-01" digest: ${textBytes(DIGEST_B)} }
}
victims { count: 2 age_band: AGE_BAND_UNDER_18 gender: GENDER_FEMALE nationality: "IDN" }
location {
  state: "KHM"
  place_name: "Sihanoukville"
  latitude: 10.6253
  longitude: 103.5234
  has_coordinates: true
  precision_meters: 250
}
recruitment_channel: RECRUITMENT_CHANNEL_SOCIAL_MEDIA
recruitment_platform: "Facebook"
requested_actions: REQUESTED_ACTION_RESCUE
requested_actions: REQUESTED_ACTION_REPATRIATE
reply_deadline_unix_ms: 1795028800000
`,
    expected: {
      kind: 'CASE_ALERT_KIND_RESCUE_REQUEST',
      summary: 'Five IDN nationals held in a compound in Sihanoukville; recruited via a "job" post.',
      route: {
        legs: [
          { state: 'IDN', role: 'ROUTE_ROLE_ORIGIN', place: 'Medan' },
          { state: 'THA', role: 'ROUTE_ROLE_TRANSIT', place: 'Bangkok' },
          { state: 'KHM', role: 'ROUTE_ROLE_DESTINATION', place: 'Sihanoukville' },
        ],
      },
      victims: [
        {
          count: 3, ageBand: 'AGE_BAND_18_TO_24', gender: 'GENDER_MALE', nationality: 'IDN',
          identifiers: [
            { kind: 'IDENTIFIER_KIND_PASSPORT', hashKeyId: 'ASEAN-MATCH-2026-01', digest: DIGEST_A.toString('base64') },
            { kind: 'IDENTIFIER_KIND_PHONE', hashKeyId: 'ASEAN-MATCH-2026-01', digest: DIGEST_B.toString('base64') },
          ],
        },
        { count: 2, ageBand: 'AGE_BAND_UNDER_18', gender: 'GENDER_FEMALE', nationality: 'IDN' },
      ],
      location: {
        state: 'KHM', placeName: 'Sihanoukville', latitude: 10.6253, longitude: 103.5234, hasCoordinates: true, precisionMeters: 250,
      },
      recruitmentChannel: 'RECRUITMENT_CHANNEL_SOCIAL_MEDIA',
      recruitmentPlatform: 'Facebook',
      requestedActions: ['REQUESTED_ACTION_RESCUE', 'REQUESTED_ACTION_REPATRIATE'],
      replyDeadlineUnixMs: 1795028800000,
    },
  },
  {
    typeName: 'IntelligenceReport',
    text: `
title: "Recruiter page for fake Bangkok jobs"
summary: "Page lures applicants to Cambodia; fees paid to one e-wallet."
indicators {
  type: INDICATOR_TYPE_SOCIAL_HANDLE
  value: "lowongan.kerja.bangkok.example"
  platform: "Facebook"
  first_seen_unix_ms: 1787224000000
  last_seen_unix_ms: 1794913600000
}
indicators {
  type: INDICATOR_TYPE_COMPOUND
  value: "Compound off National Road 4"
  keyed { kind: IDENTIFIER_KIND_CRYPTO_WALLET hash_key_id: "ASEAN-MATCH-2026-01" digest: ${textBytes(DIGEST_B)} }
  location { state: "KHM" place_name: "Sihanoukville" latitude: -0.5 longitude: 0 has_coordinates: true }
  note: "Guarded; victims report 12-hour shifts."
}
source_reliability: SOURCE_RELIABILITY_C_FAIRLY_RELIABLE
information_credibility: INFORMATION_CREDIBILITY_3_POSSIBLY_TRUE
permitted_actions: PERMITTED_ACTION_SHARE_WITH_LAW_ENFORCEMENT
permitted_actions: PERMITTED_ACTION_USE_AS_EVIDENCE
route { legs { state: "IDN" role: ROUTE_ROLE_ORIGIN } legs { state: "KHM" role: ROUTE_ROLE_DESTINATION } }
related_case_references: "IDN-2026-000123"
related_case_references: "KHM-2026-000077"
`,
    expected: {
      title: 'Recruiter page for fake Bangkok jobs',
      summary: 'Page lures applicants to Cambodia; fees paid to one e-wallet.',
      indicators: [
        {
          type: 'INDICATOR_TYPE_SOCIAL_HANDLE', value: 'lowongan.kerja.bangkok.example', platform: 'Facebook',
          firstSeenUnixMs: 1787224000000, lastSeenUnixMs: 1794913600000,
        },
        {
          type: 'INDICATOR_TYPE_COMPOUND', value: 'Compound off National Road 4',
          keyed: { kind: 'IDENTIFIER_KIND_CRYPTO_WALLET', hashKeyId: 'ASEAN-MATCH-2026-01', digest: DIGEST_B.toString('base64') },
          location: { state: 'KHM', placeName: 'Sihanoukville', latitude: -0.5, hasCoordinates: true },
          note: 'Guarded; victims report 12-hour shifts.',
        },
      ],
      sourceReliability: 'SOURCE_RELIABILITY_C_FAIRLY_RELIABLE',
      informationCredibility: 'INFORMATION_CREDIBILITY_3_POSSIBLY_TRUE',
      permittedActions: ['PERMITTED_ACTION_SHARE_WITH_LAW_ENFORCEMENT', 'PERMITTED_ACTION_USE_AS_EVIDENCE'],
      route: { legs: [{ state: 'IDN', role: 'ROUTE_ROLE_ORIGIN' }, { state: 'KHM', role: 'ROUTE_ROLE_DESTINATION' }] },
      relatedCaseReferences: ['IDN-2026-000123', 'KHM-2026-000077'],
    },
  },
  {
    typeName: 'AssistanceRequest',
    text: `
kind: ASSISTANCE_KIND_REPATRIATION
requested_state: "KHM"
summary: "Please arrange exit permits for three rescued IDN nationals."
related_message_id: "3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13"
reply_deadline_unix_ms: 1795086400000
persons_count: 3
identifiers { kind: IDENTIFIER_KIND_PASSPORT hash_key_id: "ASEAN-MATCH-2026-01" digest: ${textBytes(DIGEST_A)} }
location { state: "KHM" place_name: "Phnom Penh" }
follows_up_hit_id: "hit-5b0c7e2a9d14f3e6"
`,
    expected: {
      kind: 'ASSISTANCE_KIND_REPATRIATION',
      requestedState: 'KHM',
      summary: 'Please arrange exit permits for three rescued IDN nationals.',
      relatedMessageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13',
      replyDeadlineUnixMs: 1795086400000,
      personsCount: 3,
      identifiers: [{ kind: 'IDENTIFIER_KIND_PASSPORT', hashKeyId: 'ASEAN-MATCH-2026-01', digest: DIGEST_A.toString('base64') }],
      location: { state: 'KHM', placeName: 'Phnom Penh' },
      followsUpHitId: 'hit-5b0c7e2a9d14f3e6',
    },
  },
  {
    typeName: 'AssistanceResponse',
    text: `
request_message_id: "8a2d4e61-0c3f-4b97-a5d8-1f6e9c2b7a40"
outcome: ASSISTANCE_OUTCOME_COMPLETED
summary: "All three returned to Jakarta on a commercial flight."
persons_assisted: 3
expected_completion_unix_ms: 1795259200000
`,
    expected: {
      requestMessageId: '8a2d4e61-0c3f-4b97-a5d8-1f6e9c2b7a40',
      outcome: 'ASSISTANCE_OUTCOME_COMPLETED',
      summary: 'All three returned to Jakarta on a commercial flight.',
      personsAssisted: 3,
      expectedCompletionUnixMs: 1795259200000,
    },
  },
  {
    typeName: 'Acknowledgement',
    text: `
acknowledged_message_id: "3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13"
status: ACKNOWLEDGEMENT_STATUS_ACTIONED
acknowledging_state: "KHM"
at_unix_ms: 1795003600000
note: "Rescue team dispatched."
`,
    expected: {
      acknowledgedMessageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13',
      status: 'ACKNOWLEDGEMENT_STATUS_ACTIONED',
      acknowledgingState: 'KHM',
      atUnixMs: 1795003600000,
      note: 'Rescue team dispatched.',
    },
  },
  {
    typeName: 'HitNotice',
    text: `
hit_id: "HIT-2026-000042"
your_message_id: "3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13"
counterpart_state: "THA"
identifier_kind: IDENTIFIER_KIND_BANK_ACCOUNT
detected_at_unix_ms: 1795001800000
matched_identifiers: 4294967295
from_query: true
`,
    expected: {
      hitId: 'HIT-2026-000042',
      yourMessageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13',
      counterpartState: 'THA',
      identifierKind: 'IDENTIFIER_KIND_BANK_ACCOUNT',
      detectedAtUnixMs: 1795001800000,
      matchedIdentifiers: 4294967295,
      fromQuery: true,
    },
  },
  {
    typeName: 'HitQuery',
    text: `
identifiers { kind: IDENTIFIER_KIND_PASSPORT hash_key_id: "ASEAN-MATCH-2026-01" digest: ${textBytes(DIGEST_A)} }
identifiers { kind: IDENTIFIER_KIND_PHONE hash_key_id: "ASEAN-MATCH-2026-01" digest: ${textBytes(DIGEST_B)} }
`,
    expected: {
      identifiers: [
        { kind: 'IDENTIFIER_KIND_PASSPORT', hashKeyId: 'ASEAN-MATCH-2026-01', digest: DIGEST_A.toString('base64') },
        { kind: 'IDENTIFIER_KIND_PHONE', hashKeyId: 'ASEAN-MATCH-2026-01', digest: DIGEST_B.toString('base64') },
      ],
    },
  },
  {
    typeName: 'HitQueryAnswer',
    text: `
query_message_id: "3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13"
results { index: 0 identifier_kind: IDENTIFIER_KIND_PASSPORT hit: true hits { counterpart_state: "THA" hit_id: "hit-1" } hits { counterpart_state: "KHM" hit_id: "hit-2" } }
results { index: 1 identifier_kind: IDENTIFIER_KIND_PHONE }
answered_at_unix_ms: 1795001800000
`,
    expected: {
      queryMessageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13',
      results: [
        { identifierKind: 'IDENTIFIER_KIND_PASSPORT', hit: true, hits: [{ counterpartState: 'THA', hitId: 'hit-1' }, { counterpartState: 'KHM', hitId: 'hit-2' }] },
        { index: 1, identifierKind: 'IDENTIFIER_KIND_PHONE' },
      ],
      answeredAtUnixMs: 1795001800000,
    },
  },
  {
    typeName: 'Retraction',
    text: RETRACTION_TEXT,
    expected: {
      retractedMessageId: 'c7e05b38-92a1-4f0d-8e6b-4d3a1c9f2e75',
      kind: 'RETRACTION_KIND_WITHDRAW',
      reason: 'Duplicate of alert IDN-2026-000123; disregard.',
      replacementMessageId: 'e4b81f07-5d2c-4a39-b6e0-7a9c3d1f8b62',
    },
  },
  {
    typeName: 'DrillControl',
    text: `
drill_id: "DRILL-2026-MEKONG-01"
action: DRILL_CONTROL_ACTION_START
participants: "IDN"
participants: "THA"
participants: "KHM"
scenario: "Recruitment in IDN, transit THA, compound in KHM"
note: "Drill clock runs at four times wall time."
drill_time_unix_ms: 1795000000000
`,
    expected: {
      drillId: 'DRILL-2026-MEKONG-01',
      action: 'DRILL_CONTROL_ACTION_START',
      participants: ['IDN', 'THA', 'KHM'],
      scenario: 'Recruitment in IDN, transit THA, compound in KHM',
      note: 'Drill clock runs at four times wall time.',
      drillTimeUnixMs: 1795000000000,
    },
  },
];

const FIXTURE_VIEW = Object.freeze({ enums: String, longs: Number, bytes: String });

function classFor(typeName: string): PayloadKind['messageClass'] {
  const messageClass = (tip as unknown as Record<string, PayloadKind['messageClass'] | undefined>)[typeName];
  assert.ok(messageClass, `no generated class for ${typeName}`);
  return messageClass;
}

describe('protoc encodes, our generated code decodes', () => {
  test('there is a text-format fixture for every payload type', () => {
    const covered = new Set(FIXTURES.map((fixture) => fixture.typeName));
    for (const kind of PAYLOAD_KINDS) assert.ok(covered.has(typeNameOf(kind)), `no protoc fixture for ${kind.name}`);
  });

  for (const fixture of FIXTURES) {
    test(`${fixture.typeName} bytes from protoc decode to the fixture's values and re-encode to the same bytes`, () => {
      const messageClass = classFor(fixture.typeName);
      const bytes = protocEncode(fixture.typeName, fixture.text);
      const decoded = messageClass.decode(bytes);
      assert.deepEqual(messageClass.toObject(decoded, FIXTURE_VIEW), fixture.expected);
      assert.deepEqual(Buffer.from(messageClass.encode(decoded).finish()), bytes);
    });
  }

  test('an Envelope encoded by protoc, with its distribution, signature bytes and a payload, decodes field for field', () => {
    const payload = protocEncode('Retraction', RETRACTION_TEXT);
    const signature = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 7 + 3) & 0xff));
    const bytes = protocEncode('Envelope', `
message_id: "9d2f6b1a-3c4e-4f50-8a7b-6c5d4e3f2a10"
sender_state: "IDN"
sender_unit: "POLRI-BARESKRIM"
distribution {
  mode: DISTRIBUTION_MODE_ROUTE_ROLES
  states: "THA"
  states: "KHM"
  route_roles: ROUTE_ROLE_TRANSIT
  route_roles: ROUTE_ROLE_DESTINATION
  sharing_group: "mekong-taskforce"
}
handling: HANDLING_MARK_AMBER_STRICT
priority: PRIORITY_IMMEDIATE
created_at_unix_ms: 1795000000000
expires_at_unix_ms: 1796209600000
case_reference: "IDN-2026-000123"
in_reply_to: "1b9e7c24-6f08-4d5a-a3c1-9e2b4f7d0a86"
exercise: true
drill_id: "DRILL-2026-MEKONG-01"
payload_type: PAYLOAD_TYPE_RETRACTION
payload: ${textBytes(payload)}
key_id: "IDN-215c63ff24770117"
signature: ${textBytes(signature)}
`);
    const envelope = tip.Envelope.decode(bytes);
    assert.deepEqual(ENVELOPE_CLASS.toObject(envelope, FIXTURE_VIEW), {
      messageId: '9d2f6b1a-3c4e-4f50-8a7b-6c5d4e3f2a10',
      senderState: 'IDN',
      senderUnit: 'POLRI-BARESKRIM',
      distribution: {
        mode: 'DISTRIBUTION_MODE_ROUTE_ROLES',
        states: ['THA', 'KHM'],
        routeRoles: ['ROUTE_ROLE_TRANSIT', 'ROUTE_ROLE_DESTINATION'],
        sharingGroup: 'mekong-taskforce',
      },
      handling: 'HANDLING_MARK_AMBER_STRICT',
      priority: 'PRIORITY_IMMEDIATE',
      createdAtUnixMs: 1795000000000,
      expiresAtUnixMs: 1796209600000,
      caseReference: 'IDN-2026-000123',
      inReplyTo: '1b9e7c24-6f08-4d5a-a3c1-9e2b4f7d0a86',
      exercise: true,
      drillId: 'DRILL-2026-MEKONG-01',
      payloadType: 'PAYLOAD_TYPE_RETRACTION',
      payload: payload.toString('base64'),
      keyId: 'IDN-215c63ff24770117',
      signature: signature.toString('base64'),
    });
    assert.deepEqual(Buffer.from(tip.Envelope.encode(envelope).finish()), bytes);
    const decoded = decodePayload(envelope);
    assert.equal(decoded.name, 'retraction');
    assert.deepEqual(classFor('Retraction').toObject(decoded.message, FIXTURE_VIEW), FIXTURES.find((f) => f.typeName === 'Retraction')?.expected);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) our generated code encodes the samples; protoc decodes them.

describe('our generated code encodes, protoc decodes', () => {
  for (const kind of PAYLOAD_KINDS) {
    test(`protoc reads every field of the ${kind.name} sample with the value we encoded`, () => {
      const typeName = typeNameOf(kind);
      const sample = sampleOf(kind);
      const bytes = kind.messageClass.encode(sample).finish();
      const printed = protocDecode(typeName, bytes);
      assertTextMatches(contract.lookupType(`${PACKAGE}.${typeName}`), parseTextFormat(printed), kind.messageClass.toObject(sample, TEXT_VIEW));
      // Back through protoc's own encoder: the reference implementation writes the very same bytes.
      assert.deepEqual(protocEncode(typeName, printed), Buffer.from(bytes));
    });

    test(`protoc --decode_raw sees every field number of the ${kind.name} sample`, () => {
      const type = contract.lookupType(`${PACKAGE}.${typeNameOf(kind)}`);
      const raw = rawTopLevelFields(protoc(['--decode_raw'], kind.messageClass.encode(sampleOf(kind)).finish()).toString('utf8'));
      assert.deepEqual([...raw.keys()].sort((a, b) => a - b), type.fieldsArray.map((field) => field.id).sort((a, b) => a - b));
    });
  }

  test('the case-alert sample prints the enums, counts and nested blocks an officer would expect', () => {
    const printed = protocDecode('CaseAlert', tip.CaseAlert.encode(SAMPLE_PAYLOADS['case-alert']).finish());
    const lines = printed.split('\n').map((line) => line.trim());
    for (const line of [
      'kind: CASE_ALERT_KIND_RESCUE_REQUEST',
      'count: 3',
      'age_band: AGE_BAND_18_TO_24',
      'recruitment_channel: RECRUITMENT_CHANNEL_SOCIAL_MEDIA',
      'recruitment_platform: "Facebook"',
      'role: ROUTE_ROLE_TRANSIT',
      'place_name: "Sihanoukville, gated compound off National Road 4"',
      'has_coordinates: true',
      'requested_actions: REQUESTED_ACTION_RESCUE',
      'victims {',
      'route {',
      'legs {',
    ]) assert.ok(lines.includes(line), `protoc output lacks the line ${line}:\n${printed}`);
    const victims = parseTextFormat(printed)['victims'] as TextMessage[];
    assert.equal(victims.length, 2);
    for (const identifier of victims.flatMap((group) => group['identifiers'] as TextMessage[])) {
      assert.equal((identifier['digest']?.[0] as Buffer).byteLength, 32);
    }
  });

  test('protoc --decode_raw of a signed-shape envelope finds all 16 fields, a 64-byte signature and the exact payload bytes', () => {
    const payload = tip.Retraction.encode(SAMPLE_PAYLOADS.retraction).finish();
    const envelope = tip.Envelope.create({
      ...sampleEnvelopeFields('retraction', { exercise: true, drillId: 'DRILL-2026-MEKONG-01' }),
      keyId: 'IDN-215c63ff24770117',
      signature: new Uint8Array(64).fill(0xff),
    });
    const bytes = tip.Envelope.encode(envelope).finish();
    const raw = rawTopLevelFields(protoc(['--decode_raw'], bytes).toString('utf8'));
    assert.deepEqual([...raw.keys()].sort((a, b) => a - b), Array.from({ length: 16 }, (_, i) => i + 1));
    assert.equal((raw.get(16)?.[0] as Buffer).byteLength, 64);
    // decode_raw shows the payload as a nested message; protoc --decode prints it back as raw bytes.
    const printed = parseTextFormat(protocDecode('Envelope', bytes));
    assert.deepEqual(printed['payload']?.[0], Buffer.from(payload));
    assertTextMatches(contract.lookupType(`${PACKAGE}.Envelope`), printed, ENVELOPE_CLASS.toObject(envelope, TEXT_VIEW));
  });
});

// ---------------------------------------------------------------------------------------------
// (c) the contract compiles cleanly with the reference compiler.

test('protoc compiles every .proto file of the contract without a warning', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tipnet-protoc-'));
  try {
    const result = spawnSync(protocPath ?? findProtoc(), [
      `--proto_path=${protoRoot}`, '--include_imports', `--descriptor_set_out=${join(folder, 'contract.pb')}`, ...PROTO_FILES,
    ], { cwd: repositoryRoot, encoding: 'utf8' });
    assert.equal(result.error, undefined);
    assert.equal(result.stderr, '', 'protoc wrote warnings or errors');
    assert.equal(result.status, 0);
    assert.ok(statSync(join(folder, 'contract.pb')).size > 0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
