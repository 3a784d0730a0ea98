/**
 * The one shutdown policy of long-running processes (serve, worker, telegram, discord): the first SIGTERM or SIGINT
 * starts a clean close. Listen from the start, so that a signal during start-up (a quick redeploy) is not lost; call
 * `stop()` when done, so that no listener outlives the command.
 */
export function listenForShutdown(): { signal: Promise<NodeJS.Signals>; stop(): void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  const stop = () => {
    process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
  };
  process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
  void signal.then(stop);
  return { signal, stop };
}
