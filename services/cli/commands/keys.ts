// `tipnet keys`: generate a state's Ed25519 signing key and its public key-directory entry.
// This is the first step of a state joining: the private key stays with the state, the entry
// goes to the hub operator.
import { join } from 'node:path';
import { ALL_STATE_CODES, directoryEntryFor, generateSigningKey, HUB_SENDER, isStateCode, writeKeyDirectory, writeSigningKey } from '../../core/mod.ts';
import type { Command } from '../command.ts';

export const keysCommand: Command = {
  name: 'keys',
  summary: 'generate Ed25519 signing keys for states and write their public key directory',
  options: {
    states: { type: 'string', description: 'comma-separated ISO alpha-3 codes, or HUB', valueName: 'codes', default: ALL_STATE_CODES.join(',') },
    out: { type: 'string', description: 'folder for the private key files (mode 0600) and directory.json', valueName: 'dir', default: '.tipnet/keys' },
  },
  async run({ values }) {
    const owners = String(values.states).split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    const unknown = owners.filter((owner) => owner !== HUB_SENDER && !isStateCode(owner));
    if (unknown.length > 0) {
      console.error(`tipnet keys: --states: unknown state code(s) ${unknown.join(', ')}; known: ${ALL_STATE_CODES.join(', ')}, HUB`);
      return 2;
    }
    const folder = String(values.out);
    const entries = [];
    for (const owner of owners) {
      const key = generateSigningKey(owner);
      const path = await writeSigningKey(folder, key);
      entries.push(directoryEntryFor(key, Date.now()));
      console.log(`${owner}: key ${key.keyId} written to ${path}`);
    }
    await writeKeyDirectory(join(folder, 'directory.json'), entries);
    console.log(`public key directory: ${join(folder, 'directory.json')}`);
    return 0;
  },
};
