import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the sink received, with its headers and decoded text part. */
export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  html: string;
}

export const SMTP_USER = 'mailer';
export const SMTP_PASSWORD = 's3cret smtp password';

/**
 * A real SMTP server (the `smtp-server` package) on a loopback port that requires AUTH (so SMTP_URL's
 * credentials are exercised) and keeps every message. `stop()` closes it (connections refused, as when the
 * mail server is down); `start()` again listens on the same port.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  port = 0;
  private server?: SMTPServer;

  async start(): Promise<this> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, done) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) done(null, { user: auth.username });
        else done(new Error('invalid credentials'));
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.mailFrom ? String(session.envelope.mailFrom.address) : '', session.envelope.rcptTo.map((r) => r.address)));
          done();
        });
      },
      logger: false,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(): string {
    return `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${this.port}`;
  }

  /** The messages sent to `address`. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }
}

/** Headers, and the text and HTML parts of a nodemailer multipart/alternative message (quoted-printable or 7bit). */
export function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const normalized = raw.replace(/\r\n/g, '\n');
  const headerEnd = normalized.indexOf('\n\n');
  const headers = normalized.slice(0, headerEnd).replace(/\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const part = (type: string) => {
    const match = new RegExp(`Content-Type: ${type}[^\\n]*\\n(?:[^\\n]+\\n)*?\\n([\\s\\S]*?)\\n--`, 'i').exec(normalized);
    if (!match) return '';
    const headerBlock = normalized.slice(0, match.index + match[0].indexOf('\n\n'));
    const qp = /Content-Transfer-Encoding: quoted-printable/i.test(headerBlock.slice(headerBlock.lastIndexOf('Content-Type:')));
    return qp ? decodeQuotedPrintable(match[1]) : match[1];
  };
  return { raw, from, to, subject: header('Subject'), messageId: header('Message-ID'), text: part('text/plain'), html: part('text/html') };
}

function decodeQuotedPrintable(body: string): string {
  const bytes = Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** The token of a password reset message: the `token` parameter of its link, which must start with `linkBase`. */
export function tokenFromMail(mail: ReceivedMail, linkBase: string): string {
  const escaped = linkBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no link starting with ${linkBase} in:\n${mail.text}`);
  return match[1];
}
