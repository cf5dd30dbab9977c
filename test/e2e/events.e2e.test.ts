import { randomBytes } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { EventEnvelope } from '../../src/gen/proto/userservice/v1/events';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL);
const prefix = `test:${randomBytes(4).toString('hex')}:events:`;
let t: TestApp;

interface Entry {
  streamId: string;
  fields: Record<string, string>;
  envelope: EventEnvelope;
}

/** Every entry of one event stream, decoded as a consumer in another language would. */
async function stream(family: 'user' | 'session' | 'tenant'): Promise<Entry[]> {
  const entries = await redis.xrangeBuffer(`${prefix}${family}`, '-', '+');
  return entries.map(([id, raw]) => {
    const fields: Record<string, string> = {};
    let payload: Buffer = Buffer.alloc(0);
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i].toString() === 'payload') payload = raw[i + 1];
      else fields[raw[i].toString()] = raw[i + 1].toString();
    }
    return { streamId: id.toString(), fields, envelope: EventEnvelope.decode(payload) };
  });
}

/** The event types published about `targetId` (a user or tenant id), in stream order. */
async function typesAbout(family: 'user' | 'session' | 'tenant', targetId: string): Promise<string[]> {
  return (await stream(family))
    .filter((e) => {
      const value = e.envelope.event?.value as { userId?: string } | undefined;
      return value?.userId === targetId || (family === 'tenant' && e.envelope.tenantId === targetId);
    })
    .map((e) => e.fields.type);
}

beforeAll(async () => {
  t = await startTestApp({ REDIS_URL, EVENTS_STREAM_PREFIX: prefix, OUTBOX_SCAN_SECONDS: '1' });
});
afterAll(async () => {
  await t?.dispose();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

test('each state-changing method publishes exactly its event, with actor, request id and caller', async () => {
  const admin = headers({ token: await t.superAdminToken() });
  const slug = await createTenant(t, { slug: 'events' });
  const { tenant } = await t.clients.tenants.getTenant({ slug }, admin);
  const owner = newUser('owner');
  const signedUp = await t.clients.auth.signUp(owner, headers({ tenant: slug }));
  const asOwner = headers({ token: signedUp.tokens!.accessToken, tenant: slug });
  const ownerId = signedUp.user!.id;

  const member = newUser('member');
  const created = await t.clients.users.createUser({ ...member, role: Role.ROLE_MEMBER }, asOwner);
  const memberId = created.user!.id;
  const memberSession = (await t.clients.auth.login(member, headers({ tenant: slug }))).tokens!;
  await t.clients.users.updateMe({ user: User.fromPartial({ name: 'Renamed Owner' }), updateMask: ['name'] }, asOwner);
  await t.clients.users.updateUser({ user: User.fromPartial({ id: memberId, role: Role.ROLE_ADMIN }), updateMask: ['role'] }, asOwner);
  await t.clients.users.updateUser({ user: User.fromPartial({ id: memberId, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, asOwner);
  expect((await failure(t.clients.auth.refreshToken({ refreshToken: memberSession.refreshToken }))).code).toBe(status.UNAUTHENTICATED);
  await t.clients.users.deleteUser({ userId: memberId }, asOwner);

  const other = (await t.clients.auth.login(owner, headers({ tenant: slug }))).tokens!;
  await t.clients.users.changePassword({ currentPassword: owner.password, newPassword: 'A brand new passphrase' }, asOwner);
  const again = (await t.clients.auth.login({ email: owner.email, password: 'A brand new passphrase' }, headers({ tenant: slug }))).tokens!;
  await t.clients.auth.logout({ refreshToken: again.refreshToken });
  expect(other.refreshToken).toBeTruthy();

  await t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Renamed' }), updateMask: ['display_name'] }, admin);
  await t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] }, admin);
  await t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_ACTIVE }), updateMask: ['status'] }, admin);

  await eventually(async () => {
    expect(await typesAbout('user', ownerId)).toEqual(['UserRegistered', 'UserUpdated', 'PasswordChanged']);
    expect(await typesAbout('user', memberId)).toEqual(['UserRegistered', 'UserRoleChanged', 'UserStatusChanged', 'UserDeleted']);
    // Sign-ins are session events too (issue 17): the member signed in once, the owner twice.
    expect(await typesAbout('session', memberId)).toEqual(['SignInSucceeded', 'SessionRevoked']);
    expect(await typesAbout('session', ownerId)).toEqual(['SignInSucceeded', 'SessionRevoked', 'SignInSucceeded', 'SessionRevoked']);
    expect(await typesAbout('tenant', tenant!.id)).toEqual(['TenantCreated', 'TenantUpdated', 'TenantSuspended', 'TenantReactivated']);
  });

  const registered = (await stream('user')).find((e) => e.fields.type === 'UserRegistered' && (e.envelope.event?.value as { userId: string }).userId === memberId)!;
  expect(registered.fields).toMatchObject({ tenant_id: tenant!.id, event_id: registered.envelope.eventId });
  expect(registered.envelope).toMatchObject({
    tenantId: tenant!.id,
    tenantSlug: slug,
    actor: { id: ownerId, role: Role.ROLE_OWNER },
    requestId: expect.any(String),
    callerAddress: expect.stringContaining('127.0.0.1'),
    event: { $case: 'userRegistered', value: { email: member.email, role: Role.ROLE_MEMBER, selfSignUp: false } },
  });
  const reasons = (await stream('session'))
    .filter((e) => e.envelope.event?.$case === 'sessionRevoked' && (e.envelope.event.value as { userId: string }).userId === ownerId)
    .map((e) => (e.envelope.event?.value as { reason: number }).reason);
  expect(reasons).toEqual([3, 1]); // PASSWORD_CHANGED, then LOGOUT

  await t.clients.tenants.deleteTenant({ slug }, admin);
  await eventually(async () => expect((await typesAbout('tenant', tenant!.id)).pop()).toBe('TenantDeleted'));
});

test('a change that is rolled back publishes nothing', async () => {
  const slug = await createTenant(t, { slug: 'rollback' });
  const signedUp = await t.clients.auth.signUp(newUser('solo'), headers({ tenant: slug }));
  const ownerId = signedUp.user!.id;
  const asOwner = headers({ token: signedUp.tokens!.accessToken, tenant: slug });
  const demote = await failure(t.clients.users.updateUser({ user: User.fromPartial({ id: ownerId, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, asOwner));
  expect(demote.code).toBe(status.FAILED_PRECONDITION);
  const duplicate = await failure(t.clients.users.createUser({ email: signedUp.user!.email, name: 'x', password: 'Sturdy passphrase 1', role: Role.ROLE_MEMBER }, asOwner));
  expect(duplicate.code).toBe(status.ALREADY_EXISTS);
  // A later change is published, so anything before it would have been too.
  await t.clients.users.updateMe({ user: User.fromPartial({ name: 'Marker' }), updateMask: ['name'] }, asOwner);
  await eventually(async () => expect(await typesAbout('user', ownerId)).toEqual(['UserRegistered', 'UserUpdated']));
  expect((await stream('user')).filter((e) => e.envelope.tenantSlug === slug).map((e) => e.fields.type)).toEqual(['UserRegistered', 'UserUpdated']);
});

test('consumer groups: each group sees every event once, shared among its consumers', async () => {
  const key = `${prefix}user`;
  await redis.xgroup('CREATE', key, 'billing', '0');
  await redis.xgroup('CREATE', key, 'search', '0');
  const total = (await stream('user')).length;
  const read = async (group: string, consumer: string) => {
    const result = (await redis.xreadgroup('GROUP', group, consumer, 'COUNT', 1000, 'STREAMS', key, '>')) as Array<[string, Array<[string, string[]]>]> | null;
    return result ? result[0][1].map(([id]) => id) : [];
  };
  const a = await read('billing', 'a');
  const b = await read('billing', 'b');
  const s = await read('search', 'one');
  expect(a.length + b.length).toBe(total);
  expect(new Set([...a, ...b]).size).toBe(total);
  expect(s).toHaveLength(total);
});

test('events committed while no relay ran are published by the next process (crash between commit and publish)', async () => {
  const quiet = await startTestApp({ REDIS_URL, EVENTS_STREAM_PREFIX: prefix, OUTBOX_RELAY_ENABLED: 'false' });
  let successor: TestApp | undefined;
  try {
    const slug = await createTenant(quiet, { slug: 'crash' });
    const user = await quiet.clients.auth.signUp(newUser('crash'), headers({ tenant: slug }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await typesAbout('user', user.user!.id)).toEqual([]);
    await quiet.stop();

    successor = await startTestApp({ REDIS_URL, EVENTS_STREAM_PREFIX: prefix }, quiet.masterDatabase);
    await eventually(async () => expect(await typesAbout('user', user.user!.id)).toEqual(['UserRegistered']));
    const { tenant } = await successor.clients.tenants.getTenant({ slug }, headers({ token: await successor.superAdminToken() }));
    await eventually(async () => expect(await typesAbout('tenant', tenant!.id)).toEqual(['TenantCreated']));
  } finally {
    await (successor ?? quiet).dispose();
  }
});

describe('audit trail', () => {
  test('tenant OWNER/ADMIN read their tenant’s trail; members, other tenants and super-admins with a tenant cannot', async () => {
    const slug = await createTenant(t, { slug: 'audit' });
    const owner = await t.clients.auth.signUp(newUser('auditor'), headers({ tenant: slug }));
    const asOwner = headers({ token: owner.tokens!.accessToken, tenant: slug });
    const member = newUser('m');
    const created = await t.clients.users.createUser({ ...member, role: Role.ROLE_MEMBER }, asOwner);
    await t.clients.users.updateUser({ user: User.fromPartial({ id: created.user!.id, role: Role.ROLE_ADMIN }), updateMask: ['role'] }, asOwner);

    const list = (request: Partial<{ pageSize: number; pageToken: string; actorId: string; action: string }>, metadata = asOwner) =>
      t.clients.audit.listAuditEvents({ pageSize: 0, pageToken: '', actorId: '', action: '', startTime: undefined, endTime: undefined, ...request }, metadata);
    const all = await list({});
    expect(all.events.map((e) => e.event?.$case)).toEqual(['userRoleChanged', 'userRegistered', 'userRegistered']);
    expect(all.events[0]).toMatchObject({ actor: { id: owner.user!.id, role: Role.ROLE_OWNER }, requestId: expect.any(String), occurTime: expect.any(Date) });
    expect((await list({ action: 'UserRoleChanged' })).events).toHaveLength(1);
    expect((await list({ actorId: owner.user!.id })).events).toHaveLength(2);
    const page1 = await list({ pageSize: 2 });
    const page2 = await list({ pageSize: 2, pageToken: page1.nextPageToken });
    expect([...page1.events, ...page2.events].map((e) => e.eventId)).toEqual(all.events.map((e) => e.eventId));
    expect(page2.nextPageToken).toBe('');

    const memberToken = (await t.clients.auth.login(member, headers({ tenant: slug }))).tokens!.accessToken;
    const asAdmin = headers({ token: memberToken, tenant: slug });
    // The three events above and this sign-in (SignInSucceeded, issue 17).
    expect((await list({}, asAdmin)).events.length).toBe(4);
    const other = await createTenant(t, { slug: 'audit-other' });
    expect((await failure(list({}, headers({ token: owner.tokens!.accessToken, tenant: other })))).code).toBe(status.PERMISSION_DENIED);
    const plain = await t.clients.auth.signUp(newUser('plain'), headers({ tenant: slug }));
    expect((await failure(list({}, headers({ token: plain.tokens!.accessToken, tenant: slug })))).code).toBe(status.PERMISSION_DENIED);
    expect((await failure(list({}, headers({ token: await t.superAdminToken(), tenant: slug })))).code).toBe(status.PERMISSION_DENIED);
    expect((await failure(list({ action: 'drop table' }))).code).toBe(status.INVALID_ARGUMENT);
  });

  test('a super-admin reads the platform trail without x-tenant-id', async () => {
    const slug = await createTenant(t, { slug: 'platform-audit' });
    const result = await t.clients.audit.listAuditEvents(
      { pageSize: 100, pageToken: '', actorId: '', action: 'TenantCreated', startTime: undefined, endTime: undefined },
      headers({ token: await t.superAdminToken() }),
    );
    const mine = result.events.find((e) => e.tenantSlug === slug);
    expect(mine).toMatchObject({ actor: { role: Role.ROLE_SUPER_ADMIN }, event: { $case: 'tenantCreated', value: { slug } } });
  });
});
