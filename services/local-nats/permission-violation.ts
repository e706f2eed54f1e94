// Whether the server refused an operation for lack of permission. nats.js reports a publish
// permissions violation only asynchronously, on the connection's status, so this watches it while
// the operation runs and until a flush confirms the server has seen it.
import { PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';

export async function permissionViolationFor(
  nc: NatsConnection,
  subject: string,
  act: () => void,
  timeoutMs = 5_000,
): Promise<PermissionViolationError | undefined> {
  const statuses = nc.status()[Symbol.asyncIterator]();
  const refused = (async () => {
    for (;;) {
      const next = await statuses.next();
      if (next.done) return undefined;
      const status = next.value;
      if (status.type === 'error' && status.error instanceof PermissionViolationError && status.error.subject === subject) {
        return status.error;
      }
    }
  })();
  act();
  await nc.flush();
  const violation = await Promise.race([refused, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))]);
  await statuses.return?.();
  return violation;
}
