"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const app_1 = require("./app");
const config_1 = require("./config/config");
/** Process entry: configuration, start, and a graceful stop on SIGTERM/SIGINT. */
async function main() {
    let config;
    try {
        config = (0, config_1.loadConfig)();
    }
    catch (error) {
        if (error instanceof config_1.ConfigError) {
            process.stderr.write(`configuration error: ${error.message}\n`);
            process.exit(78); // EX_CONFIG
        }
        throw error;
    }
    const app = await (0, app_1.startApp)(config);
    let stopping = false;
    const stop = (signal) => {
        if (stopping)
            return;
        stopping = true;
        app.logger.info({ signal }, 'draining in-flight calls, then stopping');
        app.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
}
main().catch((error) => {
    process.stderr.write(`user service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map