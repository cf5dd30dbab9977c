/** A message ready to be delivered: rendered text and HTML bodies for one recipient. */
export interface MailMessage {
  /** Queue id (UUIDv7); also the .eml file's name and the Message-ID's local part. */
  id: string;
  /** What the message is for, e.g. PASSWORD_RESET (a metrics label; never the token). */
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type MailKind = 'PASSWORD_RESET' | 'EMAIL_VERIFICATION' | 'INVITATION' | 'EMAIL_CHANGED';
export const MAIL_KINDS: readonly MailKind[] = ['PASSWORD_RESET', 'EMAIL_VERIFICATION', 'INVITATION', 'EMAIL_CHANGED'];

/**
 * Port: hands a message to the outside world (an SMTP server, or a folder of .eml files). Resolves once
 * the message was accepted; rejects when it was not, and the caller (the mail dispatcher) retries later.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes connections; no `send` after this. */
  close(): Promise<void>;
}
