import pino from 'pino';
import { Logger } from '../../application/shared/logger';

/**
 * JSON logs on stdout (pino). Fields that could carry secrets are redacted wherever they appear, as a
 * second line of defence behind code that never logs them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'user-service' },
      redact: {
        paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'authorization', '*.authorization', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken'],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
