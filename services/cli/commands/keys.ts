// `tipnet keys`: generate a state's Ed25519 signing key and its public key-directory entry.
// This is the first step of a state joining: the private key stays with the state, the entry
// goes to the hub operator. Run again, it keeps every existing private key (a new one only with
// --force, the old one then retired in the directory) and merges into directory.json, which it
// signs as the next version with the hub operator's key (OPERATOR.signing-key.json, made once).
// `tipnet keys rotate` and `tipnet keys revoke` change a running deployment's keys (key-life-cycle.ts);
// `tipnet keys matching` makes and rotates the regional matching key file (matching-key.ts).
import { access, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  ALL_STATE_CODES, type DirectoryEntry, directoryEntryFor, generateSigningKey, HUB_SENDER, isStateCode, keyFilePath, readSigningKey,
  retiredKeyFilePath, writeSigningKey,
} from '../../core/mod.ts';
import type { Command } from '../command.ts';
import { mergeDirectory } from '../key-directory-merge.ts';
import { directoryFilePath, operatorKeyOf, readDirectoryOnDisk, writeNextDirectory } from '../operator-directory.ts';
import { DEFAULT_OVERLAP, revokeStateKey, rotateStateKey } from './key-life-cycle.ts';
import { DEFAULT_MATCHING_KEY_FILE, DEFAULT_MATCHING_OVERLAP, matchingKeyCommand } from './matching-key.ts';

const exists = (path: string) => access(path).then(() => true, () => false);

export const keysCommand: Command = {
  name: 'keys',
  summary: 'generate signing keys and the operator-signed key directory; `keys rotate` / `keys revoke` change a running deployment\'s keys; `keys matching` makes or rotates the regional matching key',
  usage: '[rotate|revoke|matching]',
  options: {
    states: { type: 'string', description: 'comma-separated ISO alpha-3 codes, or HUB', valueName: 'codes', default: ALL_STATE_CODES.join(',') },
    out: { type: 'string', description: `folder for the private key files (mode 0600) and directory.json (default .tipnet/keys; rotate/revoke: <dir>/keys); matching: the matching key file (default ${DEFAULT_MATCHING_KEY_FILE})`, valueName: 'path' },
    force: { type: 'boolean', description: "replace a state's existing private key; its old key stays in the directory, retired from now. matching: replace an existing matching key file; with --rotate, end a previous key's overlap that has not ended yet" },
    rotate: { type: 'boolean', description: 'matching: rotate the matching key file: a new current key, the old one kept as previous until the overlap ends' },
    dir: { type: 'string', description: 'rotate/revoke: the `tipnet up` folder; its hub-services.json says how to reach the hub to publish to', valueName: 'dir', default: '.tipnet/run' },
    state: { type: 'string', description: 'rotate/revoke: the state whose key changes', valueName: 'code' },
    overlap: { type: 'string', description: `rotate: how long the old key stays valid beside the new one (default ${DEFAULT_OVERLAP}); matching --rotate: how long the old matching key still matches (default ${DEFAULT_MATCHING_OVERLAP})`, valueName: 'duration' },
    'key-id': { type: 'string', description: 'revoke: the key id to revoke', valueName: 'id' },
    reason: { type: 'string', description: 'revoke: why (quoted to the state in UNKNOWN_KEY refusals)', valueName: 'text' },
  },
  async run({ values, positionals }) {
    const [action = 'generate', ...extra] = positionals;
    const places = { runDir: resolve(String(values.dir)), keyFolder: resolve(String(values.out ?? join(String(values.dir), 'keys'))) };
    if (extra.length > 0 || !['generate', 'rotate', 'revoke', 'matching'].includes(action)) {
      console.error(`tipnet keys: unknown action "${positionals.join(' ')}"; use rotate, revoke, matching, or none to generate`);
      return 2;
    }
    if (action === 'matching') return matchingKeyCommand(values);
    if (values.rotate === true) {
      console.error('tipnet keys: --rotate belongs to `keys matching`; a state\'s signing key is rotated with `keys rotate`');
      return 2;
    }
    if (action === 'rotate') return rotateStateKey(values, places);
    if (action === 'revoke') return revokeStateKey(values, places);
    return generateKeys(values, String(values.out ?? '.tipnet/keys'));
  },
};

async function generateKeys(values: Record<string, unknown>, folder: string): Promise<number> {
  const owners = String(values.states).split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
  const unknown = owners.filter((owner) => owner !== HUB_SENDER && !isStateCode(owner));
  if (unknown.length > 0) {
    console.error(`tipnet keys: --states: unknown state code(s) ${unknown.join(', ')}; known: ${ALL_STATE_CODES.join(', ')}, HUB`);
    return 2;
  }
  const directoryPath = directoryFilePath(folder);
  const onDisk = await readDirectoryOnDisk(folder);
  const existing = onDisk.entries;
  const added: DirectoryEntry[] = [];
  const replaced = new Set<string>();
  for (const owner of owners) {
    const path = keyFilePath(folder, owner);
    if ((await exists(path)) && values.force !== true) {
      // Kept: its entry is added only if the directory lost it.
      const key = await readSigningKey(path);
      if (!existing.some((entry) => entry.keyId === key.keyId)) added.push(directoryEntryFor(key, Date.now()));
      console.log(`${owner}: kept the existing key ${key.keyId} (${path}); --force replaces it`);
      continue;
    }
    if (await exists(path)) {
      // Forced: the old private key is kept under its key id, not overwritten.
      const old = await readSigningKey(path);
      await rename(path, retiredKeyFilePath(folder, old));
      replaced.add(owner);
    }
    const key = generateSigningKey(owner);
    await writeSigningKey(folder, key, { exclusive: true });
    added.push(directoryEntryFor(key, Date.now()));
    console.log(`${owner}: key ${key.keyId} written to ${path}${replaced.has(owner) ? ' (the old key is retired in the directory from now)' : ''}`);
  }
  const operator = await operatorKeyOf(folder);
  if (operator.made) console.log(`hub operator key ${operator.key.keyId} written to ${keyFilePath(folder, 'OPERATOR')} (it signs the directory; keep it off the hub)`);
  // Written whole, then renamed over the old one: a crash leaves the old directory or the new, never half.
  const signed = await writeNextDirectory(folder, operator.key, onDisk.signed, mergeDirectory(existing, added, replaced, Date.now()));
  console.log(`public key directory: ${directoryPath} (${existing.length} entries before, ${added.length} added), version ${signed.version} signed by ${operator.key.keyId}`);
  console.log(`operator public key (pin it as operatorPublicKey in hub services and node configs): ${Buffer.from(operator.key.publicKey).toString('base64')}`);
  return 0;
}
