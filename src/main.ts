import { startApp } from './app';
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

/** Process entry: configuration, start, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    failed(error, 'info');
  }
  let app;
  try {
    app = await startApp(config);
  } catch (error) {
    failed(error, config.logLevel);
  }
  const running = app;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'draining in-flight calls, then stopping');
    running.stop().then(
      () => {
        running.logger.info({ signal }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        running.logger.error({ err: error, signal }, 'stopped, with an error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => failed(error, 'info'));
