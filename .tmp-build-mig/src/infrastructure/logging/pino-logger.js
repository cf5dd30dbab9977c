"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
const pino_1 = __importDefault(require("pino"));
/**
 * JSON logs on stdout (pino). Fields that could carry secrets are redacted wherever they appear, as a
 * second line of defence behind code that never logs them.
 */
function createLogger(level, destination) {
    return (0, pino_1.default)({
        level,
        base: { service: 'user-service' },
        redact: {
            paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'authorization', '*.authorization', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken'],
            censor: '[redacted]',
        },
        serializers: { err: pino_1.default.stdSerializers.err },
    }, destination);
}
//# sourceMappingURL=pino-logger.js.map