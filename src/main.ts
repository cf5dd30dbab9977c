// First: it records V8's helper threads before anything else can start a thread.
import { lowerV8HelperThreads } from './infrastructure/runtime/v8-helper-threads';
import { CLOSE_BUDGET_MS, startApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { StartupError } from './config/startup-error';
import { createLogger, safeError } from './infrastructure/logging/pino-logger';

/**
 * One JSON log line for a failed start: the setting at fault, what went wrong and what to do (for a
 * StartupError or a ConfigError), else the error itself. Then the process exits.
 */
function failed(error: unknown, level: string): never {
  const logger = createLogger(level === 'silent' ? 'error' : level);
  if (error instanceof StartupError) {
    logger.error({ setting: error.setting, problem: error.problem, fix: error.fix }, `user service failed to start: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError) {
    const setting = /^([A-Z][A-Z0-9_]*)[: ]/.exec(error.message)?.[1];
    const fix = 'correct the value or unset the variable (an empty value counts as unset); .env.example lists every setting with its default';
    logger.error({ setting, problem: error.message, fix }, `user service failed to start: configuration error: ${error.message}; ${fix}`);
    process.exit(78); // EX_CONFIG
  }
  const err = safeError(error);
  logger.error({ err }, `user service failed to start: ${String(err.message ?? '') || 'unknown error'}`);
  process.exit(1);
}

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
    failed(error, 'info');
  }
  const lowered = lowerV8HelperThreads(config.v8HelperThreadsNice);
  let app;
  try {
    app = await startApp(config);
  } catch (error) {
    failed(error, config.logLevel);
  }
  const running = app;
  running.logger.debug({ threads: lowered, nice: config.v8HelperThreadsNice }, "V8's helper threads lowered");
  let phase: 'serving' | 'delay' | 'draining' = 'serving';
  const stopped = (signal: NodeJS.Signals) => {
    running.logger.info({ signal }, 'stopped');
    process.exit(0);
  };
  const failedToStop = (signal: NodeJS.Signals) => (error: unknown) => {
    running.logger.error({ err: error, signal }, 'stopped, with an error while closing');
    process.exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (phase === 'draining') {
      running.logger.warn({ signal }, 'second signal during the drain: exiting now');
      process.exit(1);
    }
    if (phase === 'delay') {
      running.logger.info({ signal }, 'second signal: ending the shutdown delay now');
      phase = 'draining';
      running.shutdown(0).then(() => stopped(signal), failedToStop(signal));
      return;
    }
    const delaySeconds = signal === 'SIGTERM' ? config.shutdownDelaySeconds : 0;
    const limitMs = (delaySeconds + config.shutdownGraceSeconds) * 1000 + CLOSE_BUDGET_MS + 1_000;
    setTimeout(() => process.exit(1), limitMs).unref();
    phase = delaySeconds > 0 ? 'delay' : 'draining';
    if (delaySeconds > 0) setTimeout(() => (phase = 'draining'), delaySeconds * 1000).unref();
    running.logger.info({ signal, delaySeconds, graceSeconds: config.shutdownGraceSeconds }, 'stopping');
    running.shutdown(delaySeconds).then(() => stopped(signal), failedToStop(signal));
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((error: unknown) => failed(error, 'info'));
