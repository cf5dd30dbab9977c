// Logs and errors never contain passwords, tokens, refresh tokens, password hashes, SQL or stack traces.
// The app runs at LOG_LEVEL debug (startTestApp) and TestApp.logs holds every line it wrote. The test
// drives sign-ups, logins, failures, refreshes, logouts, password changes and admin calls, then provokes an
// internal error (a constraint the code does not expect) and a dependency outage, and searches every log
// line, every error a client received and the audit trail for the secrets it used and for the marks of
// SQL and stacks.
import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Status } from '../../src/gen/proto/google/rpc/status';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { EventEnvelope } from '../../src/gen/proto/userservice/v1/events';
import { hashRefreshToken } from '../../src/application/auth/refresh-token-codec';
import { cutDatabase, restoreDatabase, tenantDatabase } from '../support/fault-postgres';
import { headers } from '../support/grpc-clients';
import { as, signUpActor } from '../support/security-fixtures';
import { adminQuery } from '../support/test-database';
import { startTestApp, SUPERADMIN, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

let t: TestApp;
let slug: string;
/** Every secret the test hands to the service or receives from it. */
const secrets = new Set<string>();
/** Every error a client received, with its status details decoded. */
const errors: string[] = [];

const keep = (...values: string[]) => values.forEach((v) => v && secrets.add(v));

/** Runs a call, keeps the tokens of a success and the full text of a failure. */
async function drive<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    const result = await call;
    const text = JSON.stringify(result);
    for (const match of text.matchAll(/"(?:accessToken|refreshToken)":"([^"]+)"/g)) keep(match[1]);
    return result;
  } catch (caught) {
    const error = caught as ServiceError;
    const raw = error.metadata?.get('grpc-status-details-bin')[0];
    const decoded = raw ? JSON.stringify(Status.toJSON(Status.decode(raw as Buffer))) : '';
    errors.push(`${status[error.code]} ${error.details} ${decoded} ${JSON.stringify(error.metadata?.getMap() ?? {})}`);
    return undefined;
  }
}

beforeAll(async () => {
  t = await startTestApp();
  slug = await createTenant(t, { slug: 'leaks' });
});
afterAll(async () => {
  await t?.dispose();
});

/** What a secret looks like in a line, also when only its signature or random part is logged. */
function fragments(secret: string): string[] {
  const parts = [secret];
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(secret)) parts.push(secret.split('.')[2]);
  const refresh = /^[a-z0-9-]+\.([\w-]{43})$/.exec(secret);
  if (refresh) parts.push(refresh[1], hashRefreshToken(secret));
  return parts;
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['a password hash', /\$argon2/],
  ['SQL', /\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,80}\b(FROM|INTO|SET|WHERE)\b|pg_advisory|Failing row contains/],
  ['a stack frame', /\n\s+at \S|\bat .*\.(ts|js):\d+:\d+/],
  ['a source file path', /\/(src|node_modules)\/[\w./@-]+\.(ts|js)/],
];

function findLeaks(texts: string[]): Array<{ what: string; where: string }> {
  const leaks: Array<{ what: string; where: string }> = [];
  for (const text of texts) {
    for (const secret of secrets) for (const part of fragments(secret)) if (part.length >= 8 && text.includes(part)) leaks.push({ what: `secret ${part.slice(0, 12)}…`, where: text.slice(0, 300) });
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(text)) leaks.push({ what, where: text.slice(0, 600) });
  }
  return leaks;
}

test('sign-ups, logins, failures, refreshes and admin calls leave no secret in any log line or error', async () => {
  const { auth, users } = t.clients;
  keep(SUPERADMIN.password);
  const superAdmin = await drive(auth.login(SUPERADMIN));
  expect(superAdmin).toBeDefined();

  const owner = await signUpActor(t, slug, 'owner');
  keep(owner.password, owner.token, owner.refreshToken);
  const password = 'Leak test passphrase 1';
  const member = { email: `leaky.${Date.now()}@example.test`, password, name: 'Leaky' };
  keep(password);
  await drive(auth.signUp(member, headers({ tenant: slug })));

  // Failures that carry a secret the caller chose.
  const weak = 'Xq7#vL2';
  const tooLong = `Too long ${'z'.repeat(130)}`;
  const wrong = 'Wrong horse battery 42';
  keep(weak, tooLong, wrong);
  await drive(auth.signUp({ ...member, email: `weak.${Date.now()}@example.test`, password: weak }, headers({ tenant: slug })));
  await drive(auth.signUp({ ...member, email: `long.${Date.now()}@example.test`, password: tooLong }, headers({ tenant: slug })));
  await drive(auth.signUp(member, headers({ tenant: slug }))); // email taken
  await drive(auth.login({ email: member.email, password: wrong }, headers({ tenant: slug })));
  await drive(auth.login({ email: `nobody.${Date.now()}@example.test`, password: wrong }, headers({ tenant: slug })));
  await drive(auth.login({ email: SUPERADMIN.email, password: wrong }));

  // Sessions: login, refresh, reuse of a spent refresh token, logout, a garbage token.
  const login = await drive(auth.login(member, headers({ tenant: slug })));
  const first = login!.tokens!.refreshToken;
  const second = (await drive(auth.refreshToken({ refreshToken: first })))!.tokens!;
  await drive(auth.refreshToken({ refreshToken: first })); // reuse: revokes the family
  await drive(auth.logout({ refreshToken: second.refreshToken }));
  await drive(auth.refreshToken({ refreshToken: `${slug}.${'A'.repeat(43)}` }));

  // Password changes, right and wrong, and admin calls with passwords in them.
  const fresh = await signUpActor(t, slug, 'changer');
  keep(fresh.password, fresh.token, fresh.refreshToken);
  const changed = 'Changed passphrase 77';
  keep(changed);
  await drive(users.changePassword({ currentPassword: wrong, newPassword: changed }, as(fresh)));
  await drive(users.changePassword({ currentPassword: fresh.password, newPassword: changed }, as(fresh)));
  const created = 'Created by admin 99';
  keep(created);
  const made = await drive(users.createUser({ email: `made.${Date.now()}@example.test`, name: 'Made', password: created, role: Role.ROLE_MEMBER }, as(owner)));
  await drive(users.updateUser({ user: User.fromPartial({ id: made!.user!.id, name: 'Made again' }), updateMask: ['name'] }, as(owner)));
  await drive(users.deleteUser({ userId: made!.user!.id }, as(owner)));
  await drive(users.getMe({}, headers({ token: `${owner.token}x`, tenant: slug })));
  const forged = new Metadata();
  forged.set('authorization', `Bearer ${owner.token.split('.').slice(0, 2).join('.')}.${'A'.repeat(40)}`);
  forged.set('x-tenant-id', slug);
  await drive(users.getMe({}, forged));

  // The audit trail (tenant and platform) records these same calls: it must not keep secrets either.
  const trail = [
    ...(await t.clients.audit.listAuditEvents({ pageSize: 100, pageToken: '', actorId: '', action: '' }, as(owner))).events,
    ...(await t.clients.audit.listAuditEvents({ pageSize: 100, pageToken: '', actorId: '', action: '' }, headers({ token: superAdmin!.tokens!.accessToken }))).events,
  ].map((event) => JSON.stringify(EventEnvelope.toJSON(event)));
  expect(trail.length).toBeGreaterThan(3);

  const leaks = findLeaks([...t.logs.map((line) => JSON.stringify(line)), ...errors, ...trail]);
  expect(leaks).toEqual([]);
  expect(t.logs.length).toBeGreaterThan(20);
});

test('an internal error (a write the database refuses) reaches the caller as a bare INTERNAL and the log without the row, SQL or stack', async () => {
  const boom = await createTenant(t, { slug: 'boom' });
  const owner = await signUpActor(t, boom, 'boom-owner');
  keep(owner.password, owner.token, owner.refreshToken);
  // A constraint the code knows nothing about: the insert fails with a CHECK violation, whose detail
  // ("Failing row contains (...)") holds every column of the row, the password hash included.
  await adminQuery("ALTER TABLE users ADD CONSTRAINT leak_test_no_boom CHECK (name <> 'boom')", [], tenantDatabase(boom));
  try {
    const password = 'Boom passphrase 123';
    keep(password);
    const before = t.logs.length;
    const errorsBefore = errors.length;
    await drive(t.clients.users.createUser({ email: `boom.${Date.now()}@example.test`, name: 'boom', password, role: Role.ROLE_MEMBER }, as(owner)));
    await drive(t.clients.auth.signUp({ email: `boom2.${Date.now()}@example.test`, name: 'boom', password }, headers({ tenant: boom })));

    const received = errors.slice(errorsBefore);
    expect(received).toHaveLength(2);
    for (const error of received) expect(error).toMatch(/^INTERNAL internal error \(request id [\w-]+\)/);
    const logged = t.logs.slice(before).filter((line) => (line.level as number) >= 50);
    expect(logged.length).toBeGreaterThan(0);
    expect(findLeaks([...t.logs.slice(before).map((line) => JSON.stringify(line)), ...received])).toEqual([]);
  } finally {
    await adminQuery('ALTER TABLE users DROP CONSTRAINT leak_test_no_boom', [], tenantDatabase(boom));
  }
});

test('a dependency outage (the tenant database refusing connections) is logged without SQL or stack', async () => {
  const owner = await signUpActor(t, slug, 'outage-owner');
  keep(owner.password, owner.token, owner.refreshToken);
  const before = t.logs.length;
  const errorsBefore = errors.length;
  await cutDatabase(tenantDatabase(slug));
  try {
    await drive(t.clients.auth.login({ email: owner.email, password: owner.password }, headers({ tenant: slug })));
    await drive(t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(owner)));
  } finally {
    await restoreDatabase(tenantDatabase(slug));
  }
  expect(errors.length - errorsBefore).toBe(2);
  expect(findLeaks([...t.logs.slice(before).map((line) => JSON.stringify(line)), ...errors.slice(errorsBefore)])).toEqual([]);
});
