// `tipnet audit verify|export|list`: a state's tamper-evident audit trail, read from its leaf with
// the node's own config. verify is read-only and exits 1 when it finds tampering, naming each
// entry; export and list are themselves audited (an `export` or `audit-read` entry by the
// operator, then a checkpoint signed with the state's key).
import type { NatsConnection } from '@nats-io/transport-node';
import {
  AuditError, parseTrailFile, readAuditTrail, trailFileText, verifyTrail, openAuditTrail,
  type AuditActor, type AuditPageQuery, type AuditTrail,
} from '../../audit/mod.ts';
import { writeSecretFile } from '../../topology/mod.ts';
import type { NodeConfig } from '../../node/mod.ts';
import type { Command } from '../command.ts';
import { formatEntry, formatVerification } from './audit-report.ts';
import {
  AUDIT_EXIT, CommandFailure, connectLeaf, keyDirectoryFrom, localHost, nodeConfigFrom, operatorFrom, signingKeyFrom, stateFrom, trailFileFrom,
} from './audit-sources.ts';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Twice the writers' default interval: a keyed writer never leaves more unsigned. */
const DEFAULT_MAX_UNSIGNED = 200;

const SUBCOMMANDS = {
  verify: { options: ['config', 'file', 'directory', 'state', 'max-unsigned', 'json'], run: verifySubcommand },
  export: { options: ['config', 'out', 'operator'], run: exportSubcommand },
  list: { options: ['config', 'limit', 'action', 'actor', 'message', 'before', 'operator', 'json'], run: listSubcommand },
} as const satisfies Record<string, { options: readonly string[]; run: (values: Values) => Promise<number> }>;

type Subcommand = keyof typeof SUBCOMMANDS;

export const auditCommand: Command = {
  name: 'audit',
  summary: "verify, export or list a state's tamper-evident audit trail (verify exits 1 on tampering, 3 when the trail cannot be reached)",
  usage: '<verify|export|list>',
  options: {
    config: { type: 'string', description: 'node configuration file: the leaf to read, the key directory, the signing key', valueName: 'file' },
    file: { type: 'string', description: 'verify: an exported trail (JSON Lines) instead of the leaf', valueName: 'trail.jsonl' },
    directory: { type: 'string', description: 'verify --file: the key directory, when no --config is given', valueName: 'file' },
    state: { type: 'string', description: 'verify --file: whose trail it is, when no --config is given', valueName: 'code' },
    'max-unsigned': { type: 'string', description: `verify: most entries in a row without a checkpoint (default ${DEFAULT_MAX_UNSIGNED}; 0 turns the check off)`, valueName: 'n' },
    out: { type: 'string', description: 'export: the file to write (JSON Lines, mode 0600)', valueName: 'file.jsonl' },
    limit: { type: 'string', description: 'list: entries to show, newest first (default 50, at most 500)', valueName: 'n' },
    action: { type: 'string', description: 'list: only this action (e.g. export, permission-change)', valueName: 'action' },
    actor: { type: 'string', description: 'list: only entries by this officer, token or operator id', valueName: 'id' },
    message: { type: 'string', description: 'list: only entries about this message id', valueName: 'id' },
    before: { type: 'string', description: 'list: older entries, from the cursor the previous list printed', valueName: 'cursor' },
    operator: { type: 'string', description: 'export, list: who is running the command, for the audit entry (default: the OS user name)', valueName: 'id' },
    json: { type: 'boolean', description: 'verify, list: print JSON' },
  },
  async run({ values, positionals }) {
    const [name, ...extra] = positionals;
    if (!isSubcommand(name) || extra.length > 0) {
      console.error(`tipnet audit: give one of verify, export, list (e.g. tipnet audit verify --config node.json)`);
      return AUDIT_EXIT.usage;
    }
    const misplaced = Object.keys(values).filter((option) => values[option] !== undefined && !(SUBCOMMANDS[name].options as readonly string[]).includes(option));
    if (misplaced.length > 0) {
      console.error(`tipnet audit ${name}: ${misplaced.map((option) => `--${option}`).join(', ')} does not apply to ${name}`);
      return AUDIT_EXIT.usage;
    }
    try {
      return await SUBCOMMANDS[name].run(values);
    } catch (error) {
      return reportFailure(name, error);
    }
  },
};

function isSubcommand(name: string | undefined): name is Subcommand {
  return name !== undefined && Object.hasOwn(SUBCOMMANDS, name);
}

function reportFailure(name: Subcommand, error: unknown): number {
  if (error instanceof CommandFailure) {
    console.error(`tipnet audit ${name}: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof AuditError) {
    console.error(`tipnet audit ${name}: ${error.code}: ${error.message}`);
    return error.code === 'AUDIT_QUERY_INVALID' ? AUDIT_EXIT.usage : AUDIT_EXIT.unreachable;
  }
  throw error;
}

async function verifySubcommand(values: Values): Promise<number> {
  const maxEntriesBetweenCheckpoints = wholeNumber(values['max-unsigned'], '--max-unsigned', DEFAULT_MAX_UNSIGNED);
  const source = typeof values.file === 'string' ? await fromFile(values.file, values) : await fromLeaf(values);
  const result = verifyTrail(source.records, { state: source.state, directory: source.directory, maxEntriesBetweenCheckpoints });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatVerification(source.name, result));
  return result.ok ? AUDIT_EXIT.ok : AUDIT_EXIT.tampered;
}

async function fromFile(path: string, values: Values) {
  let keys: { state: string; directoryFile: string };
  if (typeof values.config === 'string') {
    const config = nodeConfigFrom(values.config);
    keys = { state: config.state, directoryFile: config.keyDirectoryFile };
  } else if (typeof values.directory === 'string' && values.state !== undefined) {
    keys = { state: stateFrom(values.state), directoryFile: values.directory };
  } else {
    throw new CommandFailure('to verify --file, give --config <node config> or both --directory <file> and --state <code>', AUDIT_EXIT.usage);
  }
  const records = parseTrailFile(await trailFileFrom(path));
  return { name: `${keys.state} audit trail in ${path}`, state: keys.state, directory: await keyDirectoryFrom(keys.directoryFile), records };
}

async function fromLeaf(values: Values) {
  const config = nodeConfigFrom(requiredText(values.config, '--config <node config file> (or --file <trail.jsonl> for an exported copy)'));
  const directory = await keyDirectoryFrom(config.keyDirectoryFile);
  const nc = await connectLeaf(config);
  try {
    const records = (await readAuditTrail(nc)).map((record) => record.value);
    return { name: `${config.state} audit trail on ${config.leaf.servers.join(', ')}`, state: config.state, directory, records };
  } finally {
    await nc.close();
  }
}

async function exportSubcommand(values: Values): Promise<number> {
  const out = requiredText(values.out, '--out <file.jsonl>');
  const config = nodeConfigFrom(requiredText(values.config, '--config <node config file>'));
  const operator = operatorFrom(values.operator);
  return withTrail(config, operator, async (trail) => {
    // Sign what is there first, so the copy ends covered by a checkpoint.
    await trail.checkpoint();
    const records = (await trail.readAll()).map((record) => record.value);
    const draft = { actor: operator, action: 'export' as const, ...localHost() };
    try {
      await writeSecretFile(out, trailFileText(records));
    } catch (error) {
      await trail.append({ ...draft, outcome: 'failed', detail: 'audit-trail' });
      throw new CommandFailure(`cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, AUDIT_EXIT.usage);
    }
    await trail.append({ ...draft, outcome: 'ok', detail: `audit-trail entries=${records.length.toLocaleString('en-US')}` });
    console.log(`exported ${records.length} entries of ${config.state}'s audit trail to ${out} (mode 0600)`);
    return AUDIT_EXIT.ok;
  });
}

async function listSubcommand(values: Values): Promise<number> {
  const config = nodeConfigFrom(requiredText(values.config, '--config <node config file>'));
  const operator = operatorFrom(values.operator);
  const query: AuditPageQuery = {
    limit: wholeNumber(values.limit, '--limit', 50),
    ...(typeof values.action === 'string' ? { action: values.action as NonNullable<AuditPageQuery['action']> } : {}),
    ...(typeof values.actor === 'string' ? { actorId: values.actor } : {}),
    ...(typeof values.message === 'string' ? { messageId: values.message } : {}),
    ...(values.before !== undefined ? { before: wholeNumber(values.before, '--before', 0) } : {}),
  };
  return withTrail(config, operator, async (trail) => {
    const page = await trail.page(query);
    if (values.json) console.log(JSON.stringify(page, null, 2));
    else {
      for (const entry of page.entries) console.log(formatEntry(entry));
      console.log(page.nextBefore === undefined ? `${page.entries.length} entries; the start of the trail was reached` : `${page.entries.length} entries; older ones: --before ${page.nextBefore}`);
    }
    const filters = ['action', 'actor', 'message', 'before'].filter((option) => values[option] !== undefined);
    await trail.append({
      actor: operator, action: 'audit-read', outcome: 'ok', ...localHost(), ...(query.messageId ? { messageId: query.messageId } : {}),
      detail: `list filters=${filters.join(',') || 'none'} shown=${page.entries.length}`,
    });
    return AUDIT_EXIT.ok;
  });
}

/** Opens the trail as the operator with the state's key (so closing signs a checkpoint), runs `use`, closes. */
async function withTrail(config: Readonly<NodeConfig>, operator: AuditActor, use: (trail: AuditTrail) => Promise<number>): Promise<number> {
  const signingKey = await signingKeyFrom(config.signingKeyFile);
  const nc: NatsConnection = await connectLeaf(config);
  try {
    const trail = await openAuditTrail(nc, { state: config.state, signingKey, checkpointActor: operator });
    try {
      return await use(trail);
    } finally {
      await trail.close();
    }
  } finally {
    await nc.close();
  }
}

function requiredText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new CommandFailure(`${what} is required`, AUDIT_EXIT.usage);
  return value;
}

function wholeNumber(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new CommandFailure(`${option} must be a whole number`, AUDIT_EXIT.usage);
  }
  return number;
}
