import { MailKind } from './mailer';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface PasswordResetMail {
  kind: 'PASSWORD_RESET';
  /** The tenant's display name, shown to the recipient. */
  tenantName: string;
  recipientName: string;
  link: string;
  /** The token itself, for clients that let the person paste it. */
  token: string;
  validMinutes: number;
}

export interface EmailVerificationMail {
  kind: 'EMAIL_VERIFICATION';
  tenantName: string;
  recipientName: string;
  link: string;
  token: string;
  validHours: number;
}

export interface InvitationMail {
  kind: 'INVITATION';
  tenantName: string;
  recipientName: string;
  /** OWNER, ADMIN or MEMBER. */
  role: string;
  link: string;
  token: string;
  validHours: number;
}

/** To the old address, after an administrator changed the account's sign-in email: no link, nothing to do. */
export interface EmailChangedMail {
  kind: 'EMAIL_CHANGED';
  tenantName: string;
  recipientName: string;
  /** The new address, masked (maskEmail): whoever reads the old mailbox learns only its shape. */
  maskedNewAddress: string;
}

export type MailContent = PasswordResetMail | EmailVerificationMail | InvitationMail | EmailChangedMail;

/** `a••••@example.com`: the first character of the local part, then dots, and the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}••••${address.slice(at)}`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The text and HTML bodies of a message kind, with the tenant's display name. */
export function renderMail(content: MailContent): RenderedMail & { kind: MailKind } {
  switch (content.kind) {
    case 'PASSWORD_RESET': {
      const { tenantName, recipientName, link, token, validMinutes } = content;
      const subject = `Reset your ${tenantName} password`;
      const text = [
        `Hello ${recipientName},`,
        '',
        `Someone asked to reset the password of your ${tenantName} account. To choose a new password, open:`,
        '',
        link,
        '',
        `or enter this code: ${token}`,
        '',
        `The link works once, for ${validMinutes} minutes. If you did not ask for it, ignore this message: your password stays as it is.`,
      ].join('\n');
      const html = [
        `<p>Hello ${escapeHtml(recipientName)},</p>`,
        `<p>Someone asked to reset the password of your ${escapeHtml(tenantName)} account.</p>`,
        `<p><a href="${escapeHtml(link)}">Choose a new password</a></p>`,
        `<p>or enter this code: <code>${escapeHtml(token)}</code></p>`,
        `<p>The link works once, for ${validMinutes} minutes. If you did not ask for it, ignore this message: your password stays as it is.</p>`,
      ].join('\n');
      return { kind: 'PASSWORD_RESET', subject, text, html };
    }
    case 'EMAIL_VERIFICATION': {
      const { tenantName, recipientName, link, token, validHours } = content;
      const subject = `Confirm your email for ${tenantName}`;
      const text = [
        `Hello ${recipientName},`,
        '',
        `Please confirm that this is your email address for your ${tenantName} account by opening:`,
        '',
        link,
        '',
        `or enter this code: ${token}`,
        '',
        `The link works once, for ${validHours} hours. If you did not create this account, ignore this message.`,
      ].join('\n');
      const html = [
        `<p>Hello ${escapeHtml(recipientName)},</p>`,
        `<p>Please confirm that this is your email address for your ${escapeHtml(tenantName)} account.</p>`,
        `<p><a href="${escapeHtml(link)}">Confirm my email</a></p>`,
        `<p>or enter this code: <code>${escapeHtml(token)}</code></p>`,
        `<p>The link works once, for ${validHours} hours. If you did not create this account, ignore this message.</p>`,
      ].join('\n');
      return { kind: 'EMAIL_VERIFICATION', subject, text, html };
    }
    case 'INVITATION': {
      const { tenantName, recipientName, role, link, token, validHours } = content;
      const roleName = role.charAt(0) + role.slice(1).toLowerCase();
      const subject = `You are invited to ${tenantName}`;
      const text = [
        `Hello ${recipientName},`,
        '',
        `You are invited to join ${tenantName} as ${roleName}. To accept and choose your password, open:`,
        '',
        link,
        '',
        `or enter this code: ${token}`,
        '',
        `The invitation works once, for ${validHours} hours. If you did not expect it, ignore this message.`,
      ].join('\n');
      const html = [
        `<p>Hello ${escapeHtml(recipientName)},</p>`,
        `<p>You are invited to join ${escapeHtml(tenantName)} as ${escapeHtml(roleName)}.</p>`,
        `<p><a href="${escapeHtml(link)}">Accept the invitation</a></p>`,
        `<p>or enter this code: <code>${escapeHtml(token)}</code></p>`,
        `<p>The invitation works once, for ${validHours} hours. If you did not expect it, ignore this message.</p>`,
      ].join('\n');
      return { kind: 'INVITATION', subject, text, html };
    }
    case 'EMAIL_CHANGED': {
      const { tenantName, recipientName, maskedNewAddress } = content;
      const subject = `Your ${tenantName} sign-in email was changed`;
      const notice = `An administrator of ${tenantName} changed the sign-in email of your account to ${maskedNewAddress}. This address no longer signs in, and links sent to it before no longer work.`;
      const advice = 'If you did not expect this, contact an administrator of your organisation at once.';
      const text = [`Hello ${recipientName},`, '', notice, '', advice].join('\n');
      const html = [`<p>Hello ${escapeHtml(recipientName)},</p>`, `<p>${escapeHtml(notice)}</p>`, `<p>${escapeHtml(advice)}</p>`].join('\n');
      return { kind: 'EMAIL_CHANGED', subject, text, html };
    }
  }
}
