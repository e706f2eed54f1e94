// A pipeline over a consumer's messages: up to `window` started and not yet settled, each settled
// (acknowledged, put back or dropped) only once its own work is done and every earlier message
// is settled, so acknowledgements leave in the order the messages came. The dispatcher uses it
// to keep a window of hand-overs to a leaf in flight instead of one round trip at a time.

/**
 * Runs `start` for each message as it comes, at most `window` unsettled; `start` does the work and
 * resolves with the settlement to apply. A start that throws settles nothing for its message (it
 * comes back after its ack wait) and is reported; the window goes on. Resolves when the messages end
 * and every settlement is applied.
 */
export async function inOrderWindow<M>(
  messages: AsyncIterable<M>,
  window: number,
  start: (message: M) => Promise<() => void>,
  onError: (error: unknown, message: M) => void = () => {},
): Promise<void> {
  const unsettled: Array<Promise<void>> = [];
  let previous: Promise<void> = Promise.resolve();
  for await (const message of messages) {
    const outcome = start(message).then(
      (settle) => settle,
      (error: unknown) => () => onError(error, message),
    );
    const before = previous;
    previous = (async () => {
      const settle = await outcome;
      await before;
      try {
        settle();
      } catch (error) {
        // A settle failing on a closing connection must not hold up the next ones.
        onError(error, message);
      }
    })();
    unsettled.push(previous);
    if (unsettled.length >= window) await unsettled.shift();
  }
  await Promise.all(unsettled);
}
