import { MailKind } from './mailer';

/** A rendered message to queue; the queue gives it its id. */
export interface QueuedMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Port: the mail outbox of one tenant database inside a unit of work. A queued message is written in the
 * unit's transaction, so it exists if and only if the change that caused it committed; the dispatcher sends
 * it after the commit and deletes it. Its bodies may hold a one-time link: they never go to an event, a
 * log line or a metric.
 */
export interface MailQueueWrites {
  enqueue(mail: QueuedMail): Promise<void>;
}
