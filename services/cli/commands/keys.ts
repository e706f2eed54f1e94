// `tipnet keys`: generate a state's Ed25519 signing key and its public key-directory entry.
// This is the first step of a state joining: the private key stays with the state, the entry
// goes to the hub operator. Run again, it keeps every existing private key (a new one only with
// --force, the old one then retired in the directory) and merges into directory.json.
import { access, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ALL_STATE_CODES, type DirectoryEntry, directoryEntryFor, generateSigningKey, HUB_SENDER, isStateCode, keyFilePath, readKeyDirectory, readSigningKey,
  writeKeyDirectory, writeSigningKey,
} from '../../core/mod.ts';
import type { Command } from '../command.ts';
import { mergeDirectory } from '../key-directory-merge.ts';

const exists = (path: string) => access(path).then(() => true, () => false);

export const keysCommand: Command = {
  name: 'keys',
  summary: 'generate Ed25519 signing keys for states and write their public key directory',
  options: {
    states: { type: 'string', description: 'comma-separated ISO alpha-3 codes, or HUB', valueName: 'codes', default: ALL_STATE_CODES.join(',') },
    out: { type: 'string', description: 'folder for the private key files (mode 0600) and directory.json', valueName: 'dir', default: '.tipnet/keys' },
    force: { type: 'boolean', description: "replace a state's existing private key; its old key stays in the directory, retired from now" },
  },
  async run({ values }) {
    const owners = String(values.states).split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    const unknown = owners.filter((owner) => owner !== HUB_SENDER && !isStateCode(owner));
    if (unknown.length > 0) {
      console.error(`tipnet keys: --states: unknown state code(s) ${unknown.join(', ')}; known: ${ALL_STATE_CODES.join(', ')}, HUB`);
      return 2;
    }
    const folder = String(values.out);
    const directoryPath = join(folder, 'directory.json');
    const existing = (await exists(directoryPath)) ? await readKeyDirectory(directoryPath) : [];
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
      if (await exists(path)) replaced.add(owner);
      const key = generateSigningKey(owner);
      await writeSigningKey(folder, key);
      added.push(directoryEntryFor(key, Date.now()));
      console.log(`${owner}: key ${key.keyId} written to ${path}${replaced.has(owner) ? ' (the old key is retired in the directory from now)' : ''}`);
    }
    // Written whole, then renamed over the old one: a crash leaves the old directory or the new, never half.
    await writeKeyDirectory(`${directoryPath}.tmp`, mergeDirectory(existing, added, replaced, Date.now()));
    await rename(`${directoryPath}.tmp`, directoryPath);
    console.log(`public key directory: ${directoryPath} (${existing.length} entries before, ${added.length} added)`);
    return 0;
  },
};
