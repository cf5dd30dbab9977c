/** Port: structured logging. Fields are data, never secrets (no passwords, tokens or hashes). */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  child(fields: object): Logger;
  isLevelEnabled(level: string): boolean;
}
