import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { Mailer, MailMessage } from '../../application/mail/mailer';

/** Longest wait for the SMTP server at each step, so a hung server delays a batch by seconds, not minutes. */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Sends through an SMTP server (nodemailer): `smtp://user:pass@host:587` (STARTTLS when the server offers
 * it) or `smtps://user:pass@host:465` (TLS from the start). One pooled connection, reused between messages.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: 1,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      // nodemailer logs nothing by default; the dispatcher logs outcomes (never bodies).
      logger: false,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail(composed(message, this.from));
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** The nodemailer message of a queued mail; the queue id makes the Message-ID (a resend is recognisable). */
export function composed(message: MailMessage, from: string): SendMailOptions {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id}@${domain}>`,
    headers: { 'X-Mail-Kind': message.kind },
  };
}
