import { MailQueueWrites, QueuedMail } from '../../application/mail/mail-queue';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import { TenantTx } from './prisma-user-writes';

/** The tenant database's mail outbox inside a unit of work's transaction. */
export class PrismaMailQueueWrites implements MailQueueWrites {
  /** Whether this unit queued mail: after the commit, the dispatcher is woken for this database. */
  queued = false;

  constructor(private readonly tx: TenantTx) {}

  async enqueue(mail: QueuedMail): Promise<void> {
    await this.tx.mailQueue.create({
      data: { id: uuidV7(), kind: mail.kind, recipient: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html },
    });
    this.queued = true;
  }
}
