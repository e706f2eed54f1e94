import { LocalNatsError, LocalNatsErrorCode } from '../nats-config/mod.ts';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian's `apt-get install nats-server` puts the binary. */
const debianBinary = '/usr/sbin/nats-server';

/**
 * The nats-server to run: $NATS_SERVER_BIN, else `nats-server` on PATH, else Debian's path.
 * Returns undefined when none is executable, so runtime selection can fall back to a container.
 */
export function findNatsServerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['NATS_SERVER_BIN'];
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  const onPath = (env['PATH'] ?? '')
    .split(delimiter)
    .filter((directory) => directory !== '')
    .map((directory) => join(directory, 'nats-server'))
    .find(isExecutable);
  return onPath ?? (isExecutable(debianBinary) ? debianBinary : undefined);
}

export function requireNatsServerBinary(env: NodeJS.ProcessEnv = process.env): string {
  const binary = findNatsServerBinary(env);
  if (binary !== undefined) return binary;
  const fromEnv = env['NATS_SERVER_BIN'];
  const checked = fromEnv ? `NATS_SERVER_BIN=${fromEnv} is not executable` : `no nats-server on PATH or at ${debianBinary}`;
  throw new LocalNatsError(
    LocalNatsErrorCode.binaryNotFound,
    `${checked}. Install it with \`apt-get install nats-server\` (Debian/Ubuntu) or a release from ` +
      'https://github.com/nats-io/nats-server/releases, or point NATS_SERVER_BIN at the binary.',
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
