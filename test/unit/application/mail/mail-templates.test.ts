import { AppLinks } from '../../../../src/application/mail/app-links';
import { renderMail } from '../../../../src/application/mail/mail-templates';
import { MemoryPasswordAttemptBudget } from '../../../../src/infrastructure/throttle/memory-password-attempt-budget';

test('links come from the PUBLIC_APP_URL template, with the slug and the token', () => {
  expect(new AppLinks('https://{tenant}.app.example/').link('acme', '/reset-password', 'abc_-1')).toBe('https://acme.app.example/reset-password?token=abc_-1');
  expect(new AppLinks('http://localhost:3000/{tenant}').link('acme', '/reset-password', 'x')).toBe('http://localhost:3000/acme/reset-password?token=x');
});

test("the HTML body escapes the tenant's and the user's names; the text body carries them as they are", () => {
  const mail = renderMail({ kind: 'PASSWORD_RESET', tenantName: '<b>Evil & Co</b>', recipientName: '"Bob"', link: 'https://a.example/r?token=t', token: 't', validMinutes: 30 });
  expect(mail.html).toContain('&lt;b&gt;Evil &amp; Co&lt;/b&gt;');
  expect(mail.html).not.toContain('<b>Evil');
  expect(mail.html).toContain('&quot;Bob&quot;');
  expect(mail.text).toContain('<b>Evil & Co</b>');
  expect(mail.text).toContain('30 minutes');
});

test('clearing an account in the attempt budget ends its lockout', async () => {
  const budget = new MemoryPasswordAttemptBudget({ maxFailures: 1, windowSeconds: 60, lockoutSeconds: 600 });
  const first = await budget.reserve('k');
  if (!first.granted) throw new Error('expected a grant');
  expect(await first.settle('invalid')).toBe(600);
  expect(await budget.reserve('k')).toMatchObject({ granted: false, busy: false });
  await budget.clear('k');
  expect(await budget.reserve('k')).toMatchObject({ granted: true });
});
