import { Logger } from '../../../src/application/shared/logger';

export interface LoggedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

/** An in-memory Logger that keeps every line (children share the parent's list and add their fields). */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: LoggedLine[] = [],
    private readonly bound: object = {},
  ) {}

  debug(fields: object, message: string): void { this.lines.push({ level: 'debug', fields: { ...this.bound, ...fields }, message }); }
  info(fields: object, message: string): void { this.lines.push({ level: 'info', fields: { ...this.bound, ...fields }, message }); }
  warn(fields: object, message: string): void { this.lines.push({ level: 'warn', fields: { ...this.bound, ...fields }, message }); }
  error(fields: object, message: string): void { this.lines.push({ level: 'error', fields: { ...this.bound, ...fields }, message }); }
  child(fields: object): Logger { return new RecordingLogger(this.lines, { ...this.bound, ...fields }); }
  isLevelEnabled(): boolean { return true; }
}
