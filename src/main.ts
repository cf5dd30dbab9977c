import { CLOSE_BUDGET_MS, startApp } from './app';
import { ConfigError, loadConfig } from './config/config';

/**
 * Process entry: configuration, start, and an orderly stop.
 * - SIGTERM (Kubernetes, `docker stop`): health NOT_SERVING at once, calls still served for
 *   SHUTDOWN_DELAY_SECONDS, then new connections refused and calls in flight drained for up to
 *   SHUTDOWN_GRACE_SECONDS, then pools closed (at most 5 s).
 * - SIGINT (Ctrl-C): the same without the delay.
 * - A second signal ends the delay at once; one during the drain exits at once.
 * The process exits at the latest delay + grace + 6 s after the first signal, whatever hangs.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await startApp(config);
  let phase: 'serving' | 'delay' | 'draining' = 'serving';
  const onSignal = (signal: NodeJS.Signals) => {
    if (phase === 'draining') {
      app.logger.warn({ signal }, 'second signal during the drain: exiting now');
      process.exit(1);
    }
    if (phase === 'delay') {
      app.logger.info({ signal }, 'second signal: ending the shutdown delay now');
      phase = 'draining';
      void app.shutdown(0);
      return;
    }
    const delaySeconds = signal === 'SIGTERM' ? config.shutdownDelaySeconds : 0;
    const limitMs = (delaySeconds + config.shutdownGraceSeconds) * 1000 + CLOSE_BUDGET_MS + 1_000;
    setTimeout(() => process.exit(1), limitMs).unref();
    phase = delaySeconds > 0 ? 'delay' : 'draining';
    if (delaySeconds > 0) setTimeout(() => (phase = 'draining'), delaySeconds * 1000).unref();
    app.logger.info({ signal, delaySeconds, graceSeconds: config.shutdownGraceSeconds }, 'stopping');
    app.shutdown(delaySeconds).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`user service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
