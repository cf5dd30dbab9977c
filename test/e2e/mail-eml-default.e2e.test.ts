import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../support/eventually';
import { headers } from '../support/grpc-clients';
import { parseMail, tokenFromMail } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

/**
 * The embedded default: without SMTP_URL each message is a .eml file under DATA_DIR/mail/ and its path is
 * logged (never its token); the README's reset steps work from that file alone.
 */
let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await startTestApp({ PUBLIC_APP_URL: 'http://localhost:3000/{tenant}' });
  slug = await createTenant(t, { slug: 'eml', displayName: 'Eml Corp' });
});
afterAll(async () => {
  await t?.dispose();
});

test('a reset request writes one .eml file, logs its path without the token, and the token in it resets the password', async () => {
  const user = newUser('eml');
  await t.clients.auth.signUp(user, headers({ tenant: slug }));
  const mailDir = path.join(t.dataDir, 'mail');
  // SignUp mails a verification link (another .eml file); only the reset messages count here.
  const resets = () => (existsSync(mailDir) ? readdirSync(mailDir) : []).filter((f) => f.endsWith('.eml') && readFileSync(path.join(mailDir, f), 'utf8').includes('X-Mail-Kind: PASSWORD_RESET'));
  expect(resets()).toEqual([]);

  await t.clients.auth.requestPasswordReset({ email: user.email }, headers({ tenant: slug }));
  const file = await eventually(async () => {
    const files = resets();
    expect(files).toHaveLength(1);
    return path.join(mailDir, files[0]);
  });
  const mail = parseMail(readFileSync(file, 'utf8'), '', []);
  expect(mail.subject).toBe('Reset your Eml Corp password');
  expect(mail.raw).toMatch(new RegExp(`^To: ${user.email.replace(/[.]/g, '[.]')}$`, 'm'));
  const token = tokenFromMail(mail, `http://localhost:3000/${slug}/reset-password`);

  const line = t.logs.find((l) => l.msg === 'mail written (no SMTP_URL): open the .eml file to read it' && l.file === file);
  expect(line).toMatchObject({ file, kind: 'PASSWORD_RESET' });
  expect(JSON.stringify(t.logs)).not.toContain(token);

  await t.clients.auth.resetPassword({ token, newPassword: 'From the eml file 2026' }, headers({ tenant: slug }));
  expect((await t.clients.auth.login({ email: user.email, password: 'From the eml file 2026' }, headers({ tenant: slug }))).subject?.$case).toBe('user');
  // No temporary file is left behind: the reset and the sign-up's verification message.
  expect(readdirSync(mailDir).sort()).toEqual(expect.arrayContaining([path.basename(file)]));
  expect(readdirSync(mailDir).every((f) => f.endsWith('.eml'))).toBe(true);
  expect(readdirSync(mailDir)).toHaveLength(2);
});
