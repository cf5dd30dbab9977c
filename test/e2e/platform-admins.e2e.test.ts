import { Metadata, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { EventEnvelope } from '../../src/gen/proto/userservice/v1/events';
import { failure, headers } from '../support/grpc-clients';
import { Actor, signUpActor } from '../support/security-fixtures';
import { statusDetails } from '../support/status-details';
import { adminQuery } from '../support/test-database';
import { startTestApp, SUPERADMIN, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

/**
 * PlatformAdminService (issue 18) end to end through a real gRPC client: super-admins list, create and
 * remove each other, the last one cannot be removed (also when two removals race), a removed admin's tokens
 * stop at once, ChangeMyPassword needs the current password and ends the other sessions, a tenant OWNER is
 * refused, and every change is in the platform's audit trail.
 */
let t: TestApp;
let owner: Actor;

beforeAll(async () => {
  t = await startTestApp();
  owner = await signUpActor(t, await createTenant(t), 'owner');
});

afterAll(async () => {
  await t?.dispose();
});

const admins = () => t.clients.platformAdmins;
const bearer = (token: string) => headers({ token });

interface Session {
  id: string;
  accessToken: string;
  refreshToken: string;
}

async function signIn(email: string, password: string): Promise<Session> {
  const r = await t.clients.auth.login({ email, password });
  if (r.subject?.$case !== 'platformAdmin') throw new Error('expected a platform admin');
  return { id: r.subject.value.id, accessToken: r.tokens!.accessToken, refreshToken: r.tokens!.refreshToken };
}

async function create(by: Session, email: string, password: string, name = 'Admin'): Promise<string> {
  const r = await admins().createSuperAdmin({ email, name, password }, bearer(by.accessToken));
  return r.superAdmin!.id;
}

async function platformEvents(by: Session, action: string): Promise<EventEnvelope[]> {
  const r = await t.clients.audit.listAuditEvents({ pageSize: 100, pageToken: '', actorId: '', action, startTime: undefined, endTime: undefined }, bearer(by.accessToken));
  return r.events;
}

function reasonOf(error: Parameters<typeof statusDetails>[0]): string | undefined {
  return statusDetails(error).reason;
}

// The tests below run in order and share the platform's admins.
let root: Session;
let grace: Session;
const GRACE = { email: 'grace@platform.test', password: 'grace long passphrase one' };

test('a super-admin lists the super-admins, never a password hash', async () => {
  root = await signIn(SUPERADMIN.email, SUPERADMIN.password);
  const r = await admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(root.accessToken));
  expect(r.superAdmins.map((a) => a.email)).toEqual([SUPERADMIN.email]);
  expect(Object.keys(r.superAdmins[0]).sort()).toEqual(['createTime', 'email', 'id', 'name']);
  expect(r.nextPageToken).toBe('');
});

test('creates a second super-admin, who signs in; the same email again is ALREADY_EXISTS', async () => {
  const id = await create(root, GRACE.email, GRACE.password, 'Grace');
  grace = await signIn(GRACE.email, GRACE.password);
  expect(grace.id).toBe(id);
  const again = await failure(create(root, 'GRACE@platform.test', 'another long passphrase'));
  expect(again.code).toBe(status.ALREADY_EXISTS);
  expect(reasonOf(again)).toBe('SUPER_ADMIN_ALREADY_EXISTS');
  const weak = await failure(create(root, 'weak@platform.test', 'short'));
  expect(weak.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(weak).violations.map((v) => v.field)).toEqual(['password']);

  const page1 = await admins().listSuperAdmins({ pageSize: 1, pageToken: '' }, bearer(grace.accessToken));
  const page2 = await admins().listSuperAdmins({ pageSize: 1, pageToken: page1.nextPageToken }, bearer(grace.accessToken));
  expect([...page1.superAdmins, ...page2.superAdmins].map((a) => a.email)).toEqual([SUPERADMIN.email, GRACE.email]);
  expect(page2.nextPageToken).toBe('');
});

test('a tenant OWNER calling any of them is PERMISSION_DENIED', async () => {
  const asOwner = headers({ token: owner.token });
  const calls: Array<(m: Metadata) => Promise<unknown>> = [
    (m) => admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, m),
    (m) => admins().createSuperAdmin({ email: 'mallory@platform.test', name: 'Mallory', password: 'mallory long passphrase' }, m),
    (m) => admins().removeSuperAdmin({ superAdminId: root.id }, m),
    (m) => admins().changeMyPassword({ currentPassword: owner.password, newPassword: 'mallory long passphrase' }, m),
  ];
  for (const call of calls) {
    expect((await failure(call(asOwner))).code).toBe(status.PERMISSION_DENIED);
    // Naming the tenant changes nothing: the role decides first.
    expect((await failure(call(headers({ token: owner.token, tenant: owner.tenant })))).code).toBe(status.PERMISSION_DENIED);
  }
});

test('the second removes the first: the first’s access token is refused at once and its refresh fails', async () => {
  // The first's token works (and its existence is cached) right before the removal.
  await admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(root.accessToken));
  await admins().removeSuperAdmin({ superAdminId: root.id }, bearer(grace.accessToken));

  const refused = await failure(admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(root.accessToken)));
  expect(refused.code).toBe(status.UNAUTHENTICATED);
  expect(reasonOf(refused)).toBe('USER_INACTIVE');
  expect((await failure(t.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: 0 }, bearer(root.accessToken)))).code).toBe(status.UNAUTHENTICATED);
  expect((await failure(t.clients.auth.refreshToken({ refreshToken: root.refreshToken }))).code).toBe(status.UNAUTHENTICATED);
  expect((await failure(t.clients.auth.login(SUPERADMIN))).code).toBe(status.UNAUTHENTICATED);
  const { rows } = await adminQuery<{ n: string }>('SELECT count(*) AS n FROM platform_refresh_tokens WHERE user_id = $1', [root.id], t.masterDatabase);
  expect(Number(rows[0].n)).toBe(0);
});

test('removing the last super-admin is FAILED_PRECONDITION (LAST_SUPER_ADMIN)', async () => {
  const last = await failure(admins().removeSuperAdmin({ superAdminId: grace.id }, bearer(grace.accessToken)));
  expect(last.code).toBe(status.FAILED_PRECONDITION);
  expect(reasonOf(last)).toBe('LAST_SUPER_ADMIN');
  // Still there, still signed in.
  await admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(grace.accessToken));
  const unknown = await failure(admins().removeSuperAdmin({ superAdminId: root.id }, bearer(grace.accessToken)));
  expect(unknown.code).toBe(status.NOT_FOUND);
});

test('ChangeMyPassword: a wrong current password is refused; the right one works, ends the other sessions, and the old password no longer signs in', async () => {
  const other = await signIn(GRACE.email, GRACE.password);
  const wrong = await failure(admins().changeMyPassword({ currentPassword: 'not grace passphrase', newPassword: 'grace long passphrase two' }, bearer(grace.accessToken)));
  expect(wrong.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(wrong).violations.map((v) => v.field)).toEqual(['current_password']);

  await admins().changeMyPassword({ currentPassword: GRACE.password, newPassword: 'grace long passphrase two' }, bearer(grace.accessToken));
  expect((await failure(t.clients.auth.login(GRACE))).code).toBe(status.UNAUTHENTICATED);
  GRACE.password = 'grace long passphrase two';
  // The other session ended: its refresh token fails and its access token is SESSION_REVOKED.
  expect((await failure(t.clients.auth.refreshToken({ refreshToken: other.refreshToken }))).code).toBe(status.UNAUTHENTICATED);
  const revoked = await failure(admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(other.accessToken)));
  expect(reasonOf(revoked)).toBe('SESSION_REVOKED');
  // The caller's own session goes on; the new password signs in.
  await admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(grace.accessToken));
  grace = await signIn(GRACE.email, GRACE.password);
});

test('UserService.ChangePassword stays closed to a super-admin (ChangeMyPassword is theirs)', async () => {
  const refused = await failure(t.clients.users.changePassword({ currentPassword: GRACE.password, newPassword: 'grace long passphrase three' }, bearer(grace.accessToken)));
  expect(refused.code).toBe(status.PERMISSION_DENIED);
});

test('the changes are in the platform’s audit trail, with their actor', async () => {
  const created = await platformEvents(grace, 'SuperAdminCreated');
  const graceCreated = created.find((e) => e.event?.$case === 'superAdminCreated' && e.event.value.email === GRACE.email);
  expect(graceCreated).toMatchObject({ tenantId: '', actor: { id: root.id, role: Role.ROLE_SUPER_ADMIN }, event: { value: { superAdminId: grace.id, name: 'Grace' } } });
  // The bootstrap at first start went through the same command: the first admin is in the trail too.
  expect(created.some((e) => e.event?.$case === 'superAdminCreated' && e.event.value.email === SUPERADMIN.email && e.actor === undefined)).toBe(true);

  const removed = await platformEvents(grace, 'SuperAdminRemoved');
  expect(removed).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: grace.id }), event: { $case: 'superAdminRemoved', value: { superAdminId: root.id } } })]);
  const changed = await platformEvents(grace, 'SuperAdminPasswordChanged');
  expect(changed).toEqual([expect.objectContaining({ event: { $case: 'superAdminPasswordChanged', value: { superAdminId: grace.id } } })]);
  const sessions = await platformEvents(grace, 'SessionRevoked');
  expect(sessions.some((e) => e.event?.$case === 'sessionRevoked' && e.event.value.userId === root.id)).toBe(true);
});

test('two concurrent removals of the last two super-admins: exactly one wins, each time', async () => {
  // The removals are made by a platform service account (role SUPER_ADMIN, not an admin itself), so both
  // calls pass every check and the lock alone decides.
  const account = await t.clients.serviceAccounts.createServiceAccount(
    { serviceAccount: { id: '', name: 'ops-bot', description: '', role: Role.ROLE_SUPER_ADMIN, status: 0, credentials: [], lastUsedTime: undefined, createTime: undefined } },
    bearer(grace.accessToken),
  );
  const secret = await t.clients.serviceAccounts.createServiceAccountSecret({ serviceAccountId: account.serviceAccount!.id, expireTime: undefined }, bearer(grace.accessToken));
  const bot = await t.clients.auth.issueServiceToken({ clientId: account.serviceAccount!.id, clientSecret: secret.clientSecret, clientAssertion: '', clientAssertionType: '' });

  let survivor = grace.id;
  for (let round = 1; round <= 4; round += 1) {
    const other = await admins().createSuperAdmin({ email: `round${round}@platform.test`, name: `Round ${round}`, password: `round ${round} long passphrase` }, bearer(bot.accessToken));
    const pair = [survivor, other.superAdmin!.id];
    const outcomes = await Promise.allSettled(pair.map((id) => admins().removeSuperAdmin({ superAdminId: id }, bearer(bot.accessToken))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(lost.reason.code).toBe(status.FAILED_PRECONDITION);
    expect(reasonOf(lost.reason)).toBe('LAST_SUPER_ADMIN');
    const left = await admins().listSuperAdmins({ pageSize: 0, pageToken: '' }, bearer(bot.accessToken));
    expect(left.superAdmins).toHaveLength(1);
    survivor = left.superAdmins[0].id;
  }
});
