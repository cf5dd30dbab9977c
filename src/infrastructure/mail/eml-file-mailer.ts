import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { Logger } from '../../application/shared/logger';
import { Mailer, MailMessage } from '../../application/mail/mailer';
import { composed } from './smtp-mailer';

/**
 * The embedded default (no SMTP_URL): each message becomes `<dir>/<queue id>.eml`, a complete RFC 5322
 * message any mail program opens, and its path is logged (the path only: the body holds a one-time link).
 * Written to a temporary name and renamed, so a reader never sees half a file.
 */
export class EmlFileMailer implements Mailer {
  private readonly transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const info = (await this.transport.sendMail(composed(message, this.from))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${message.id}.eml`);
    await writeFile(`${file}.tmp`, info.message, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    this.logger.info({ file, kind: message.kind }, 'mail written (no SMTP_URL): open the .eml file to read it');
  }

  async close(): Promise<void> {}
}
