import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { EventEnvelope } from '../../src/gen/proto/userservice/v1/events';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { ServiceAccountStatus } from '../../src/gen/proto/userservice/v1/service_account_service';
import { createUserServiceClients, jwksFromGrpc, createAccessTokenVerifier, ServiceTokenSource, UserServiceClients } from '../../clients/node/src';
import { failure, headers } from '../support/grpc-clients';
import { Actor, as, createActor, signUpActor } from '../support/security-fixtures';
import { statusDetails } from '../support/status-details';
import { adminQuery } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

/**
 * Service accounts (issue 19) end to end through a real gRPC client: management by OWNER/ADMIN and by a
 * super-admin, the client-credentials grant, rotation and revocation, the per-call check of a disabled or
 * deleted account, people-only methods, the failure budget, and the audit trail naming the account.
 */
let t: TestApp;
let slug: string;
let owner: Actor;
let admin: Actor;
let member: Actor;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES: '3', SERVICE_TOKEN_TTL_SECONDS: '120' });
  slug = await createTenant(t);
  owner = await signUpActor(t, slug, 'owner');
  admin = await createActor(t, owner, Role.ROLE_ADMIN, 'admin');
  member = await createActor(t, owner, Role.ROLE_MEMBER, 'member');
  kit = createUserServiceClients(t.address);
});

afterAll(async () => {
  kit?.close();
  await t?.dispose();
});

// The service-account calls go through the client kit (clients/node), so the kit cannot drift from the service.
let kit: UserServiceClients;
const sa = () => kit.serviceAccounts;

async function createAccount(by: Actor, role: Role, name = 'ci-bot') {
  const r = await sa().createServiceAccount({ serviceAccount: { id: '', name, description: 'runs the nightly sync', role, status: 0, credentials: [], lastUsedTime: undefined, createTime: undefined } }, { metadata: as(by) });
  return r.serviceAccount!;
}

async function addSecret(by: Actor, id: string, expireTime?: Date) {
  return sa().createServiceAccountSecret({ serviceAccountId: id, expireTime }, { metadata: as(by) });
}

/** `tenant`: the tenant slug sent as x-tenant-id (the test tenant by default); null sends none (platform). */
const exchange = (clientId: string, clientSecret: string, tenant: string | null = slug) =>
  kit.auth.issueServiceToken({ clientId, clientSecret, clientAssertion: '', clientAssertionType: '' }, { tenant: tenant ?? undefined });

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function refused(promise: Promise<unknown>) {
  const error = await failure(promise);
  return { code: error.code, reason: statusDetails(error).reason, message: error.details };
}

test('an OWNER creates an account and a secret; the secret is shown once, prefixed, and stored only as a hash', async () => {
  const account = await createAccount(owner, Role.ROLE_ADMIN);
  expect(account).toMatchObject({ name: 'ci-bot', description: 'runs the nightly sync', role: Role.ROLE_ADMIN, status: ServiceAccountStatus.SERVICE_ACCOUNT_STATUS_ACTIVE, credentials: [] });
  const created = await addSecret(owner, account.id);
  expect(created.clientSecret).toMatch(/^us_sk_[A-Za-z0-9_-]{43}$/);
  expect(created.credential!.secretHint).toBe(created.clientSecret.slice(0, 10));

  const got = (await sa().getServiceAccount({ serviceAccountId: account.id }, { metadata: as(admin) })).serviceAccount!;
  expect(got.credentials.map((c) => c.id)).toEqual([created.credential!.id]);
  expect(JSON.stringify(got)).not.toContain(created.clientSecret);
  const rows = await adminQuery<{ secret_hash: string }>('SELECT secret_hash FROM service_account_credentials', [], `tenant_${slug.replace(/-/g, '_')}`);
  expect(rows.rows).toHaveLength(1);
  expect(rows.rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(rows.rows)).not.toContain(created.clientSecret.slice(6));

  const listed = await sa().listServiceAccounts({ pageSize: 0, pageToken: '' }, { metadata: as(admin) });
  expect(listed.serviceAccounts.map((a) => a.id)).toContain(account.id);
});

test('IssueServiceToken returns an access token for the account: its role, its tenant, no refresh token, its own lifetime', async () => {
  const account = await createAccount(owner, Role.ROLE_ADMIN, 'token-bot');
  const { clientSecret } = await addSecret(owner, account.id);
  const before = Date.now();
  const token = await exchange(account.id, clientSecret);
  expect(token.tokenType).toBe('Bearer');
  const c = claims(token.accessToken);
  expect(c).toMatchObject({ sub: account.id, role: 'ADMIN', kind: 'service_account' });
  expect(c.tid).toEqual(expect.any(String));
  expect(c.sid).toBeUndefined();
  expect((c.exp as number) - (c.iat as number)).toBe(120);
  expect(token.accessTokenExpireTime!.getTime()).toBeGreaterThanOrEqual(before + 119_000);

  // It acts with its role: an ADMIN lists users and creates one.
  const caller = headers({ token: token.accessToken, tenant: slug });
  expect((await t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, caller)).users.length).toBeGreaterThan(0);
  const created = await t.clients.users.createUser({ ...newUser('made-by-bot'), role: Role.ROLE_MEMBER }, caller);

  // Audit events name the service account as the actor.
  const events = await t.clients.audit.listAuditEvents({ pageSize: 50, pageToken: '', actorId: account.id, action: '', startTime: undefined, endTime: undefined }, as(owner));
  const registered = events.events.find((e: EventEnvelope) => e.event?.$case === 'userRegistered' && e.event.value.userId === created.user!.id);
  expect(registered?.actor).toEqual({ id: account.id, role: Role.ROLE_ADMIN, serviceAccount: true });

  // last-used times are stamped on the account and the credential.
  const got = (await sa().getServiceAccount({ serviceAccountId: account.id }, { metadata: as(owner) })).serviceAccount!;
  expect(got.lastUsedTime!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect(got.credentials[0].lastUsedTime).toEqual(got.lastUsedTime);
});

test('people-only methods refuse a service account with PERMISSION_DENIED (PEOPLE_ONLY), whatever its role', async () => {
  const account = await createAccount(owner, Role.ROLE_MEMBER, 'member-bot');
  const { clientSecret } = await addSecret(owner, account.id);
  const caller = headers({ token: (await exchange(account.id, clientSecret)).accessToken, tenant: slug });
  for (const call of [
    t.clients.users.getMe({}, caller),
    t.clients.users.changePassword({ currentPassword: 'x', newPassword: 'a sturdy new passphrase' }, caller),
    t.clients.users.updateMe({ user: User.fromPartial({ name: 'x' }), updateMask: ['name'] }, caller),
  ]) {
    const answer = await refused(call);
    expect(answer).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'PEOPLE_ONLY' });
    expect(answer.message).toMatch(/may be called only by people; a service account cannot call it/);
  }
  // Its role still applies elsewhere: a MEMBER account cannot list users.
  expect(await refused(t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, caller))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'ROLE_NOT_ALLOWED' });
});

test('rotation with overlap: both secrets work until the first is revoked; then only the second', async () => {
  const account = await createAccount(owner, Role.ROLE_ADMIN, 'rotating-bot');
  const first = await addSecret(owner, account.id);
  const second = await addSecret(admin, account.id);
  await exchange(account.id, first.clientSecret);
  await exchange(account.id, second.clientSecret);
  const revoked = await sa().revokeServiceAccountCredential({ serviceAccountId: account.id, credentialId: first.credential!.id }, { metadata: as(owner) });
  expect(revoked.credential!.revokeTime).toBeInstanceOf(Date);
  expect(await refused(exchange(account.id, first.clientSecret))).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'INVALID_CLIENT' });
  await exchange(account.id, second.clientSecret);
});

test('wrong, foreign, malformed and expired credentials get one answer: UNAUTHENTICATED (INVALID_CLIENT)', async () => {
  // A fresh account for each wrong attempt: this file's failure budget is 3 per account.
  const fresh = async (name: string) => (await createAccount(owner, Role.ROLE_MEMBER, name)).id;
  const a = await fresh('bot-a');
  const secretA = (await addSecret(owner, a)).clientSecret;
  const invalid = { code: status.UNAUTHENTICATED, reason: 'INVALID_CLIENT' };
  expect(await refused(exchange(await fresh('bot-b'), secretA))).toMatchObject(invalid); // another account's secret
  expect(await refused(exchange(await fresh('bot-c'), 'us_sk_' + 'A'.repeat(43)))).toMatchObject(invalid);
  expect(await refused(exchange(await fresh('bot-d'), 'not-a-secret'))).toMatchObject(invalid);
  // The right secret on the platform (no x-tenant-id) is refused too.
  expect(await refused(exchange(a, secretA, null))).toMatchObject(invalid);
  // Expiry is checked at the exchange: moved into the past in the database, no waiting.
  const e = await fresh('bot-e');
  const expiring = await addSecret(owner, e, new Date(Date.now() + 3600_000));
  expect(expiring.credential!.expireTime).toBeInstanceOf(Date);
  await exchange(e, expiring.clientSecret);
  await adminQuery("UPDATE service_account_credentials SET expires_at = now() - interval '1 second' WHERE id = $1", [expiring.credential!.id], `tenant_${slug.replace(/-/g, '_')}`);
  expect(await refused(exchange(e, expiring.clientSecret))).toMatchObject(invalid);
  // A client id that is not an id at all is a malformed request.
  expect(await refused(exchange('nope', secretA))).toMatchObject({ code: status.INVALID_ARGUMENT, reason: 'INVALID_ARGUMENT' });
});

test('failed exchanges draw on the failure budget: after LOGIN_MAX_FAILURES the client id is locked, even for the right secret', async () => {
  const account = await createAccount(owner, Role.ROLE_MEMBER, 'guessed-bot');
  const { clientSecret } = await addSecret(owner, account.id);
  const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => refused(exchange(account.id, `us_sk_${String(i).padStart(43, 'x')}`))));
  // Of 8 concurrent guesses at most LOGIN_MAX_FAILURES (3) are judged; the others are refused unjudged.
  expect(guesses.filter((g) => g.reason === 'INVALID_CLIENT').length).toBeLessThanOrEqual(3);
  expect(guesses.every((g) => ['INVALID_CLIENT', 'ACCOUNT_LOCKED', 'ACCOUNT_BUSY'].includes(g.reason ?? ''))).toBe(true);
  expect(await refused(exchange(account.id, clientSecret))).toMatchObject({ code: status.RESOURCE_EXHAUSTED, reason: 'ACCOUNT_LOCKED' });
});

test('a disabled or deleted account: its live tokens are refused at once (USER_INACTIVE) and its secrets no longer exchange', async () => {
  const disabled = await createAccount(owner, Role.ROLE_ADMIN, 'to-disable');
  const deleted = await createAccount(owner, Role.ROLE_ADMIN, 'to-delete');
  const s1 = (await addSecret(owner, disabled.id)).clientSecret;
  const s2 = (await addSecret(owner, deleted.id)).clientSecret;
  const t1 = headers({ token: (await exchange(disabled.id, s1)).accessToken, tenant: slug });
  const t2 = headers({ token: (await exchange(deleted.id, s2)).accessToken, tenant: slug });
  const list = (m: Metadata) => t.clients.users.listUsers({ pageSize: 1, pageToken: '', role: 0, status: 0, emailPrefix: '' }, m);
  await list(t1);
  await list(t2);

  const after = await sa().disableServiceAccount({ serviceAccountId: disabled.id }, { metadata: as(admin) });
  expect(after.serviceAccount!.status).toBe(ServiceAccountStatus.SERVICE_ACCOUNT_STATUS_DISABLED);
  await sa().deleteServiceAccount({ serviceAccountId: deleted.id }, { metadata: as(admin) });
  for (const m of [t1, t2]) expect(await refused(list(m))).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'USER_INACTIVE' });
  expect(await refused(exchange(disabled.id, s1))).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'INVALID_CLIENT' });
  expect(await refused(exchange(deleted.id, s2))).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'INVALID_CLIENT' });
  expect(await refused(sa().getServiceAccount({ serviceAccountId: deleted.id }, { metadata: as(owner) }))).toMatchObject({ code: status.NOT_FOUND, reason: 'SERVICE_ACCOUNT_NOT_FOUND' });
});

test('who may manage: OWNER and ADMIN (an ADMIN neither makes nor touches an OWNER account), never a MEMBER; bad input is named', async () => {
  expect(await refused(createAccount(member, Role.ROLE_MEMBER))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'ROLE_NOT_ALLOWED' });
  expect(await refused(createAccount(admin, Role.ROLE_OWNER))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'OWNER_REQUIRED' });
  const ownerBot = await createAccount(owner, Role.ROLE_OWNER, 'owner-bot');
  expect(await refused(sa().disableServiceAccount({ serviceAccountId: ownerBot.id }, { metadata: as(admin) }))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'OWNER_PROTECTED' });
  const bad = await failure(sa().createServiceAccount({ serviceAccount: { id: '', name: ' ', description: '', role: Role.ROLE_SUPER_ADMIN, status: 0, credentials: [], lastUsedTime: undefined, createTime: undefined } }, { metadata: as(owner) }));
  expect(bad.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(bad).violations.map((v) => v.field).sort()).toEqual(['service_account.name', 'service_account.role']);
  expect(await refused(addSecret(owner, ownerBot.id, new Date(Date.now() - 1000)))).toMatchObject({ code: status.INVALID_ARGUMENT });
  for (let i = 0; i < 5; i += 1) await addSecret(owner, ownerBot.id);
  expect(await refused(addSecret(owner, ownerBot.id))).toMatchObject({ code: status.FAILED_PRECONDITION, reason: 'TOO_MANY_CREDENTIALS' });
  expect(await refused(sa().revokeServiceAccountCredential({ serviceAccountId: ownerBot.id, credentialId: ownerBot.id }, { metadata: as(owner) }))).toMatchObject({ code: status.NOT_FOUND, reason: 'CREDENTIAL_NOT_FOUND' });
});

test('a tenant account is good only in its tenant', async () => {
  const other = await createTenant(t);
  const account = await createAccount(owner, Role.ROLE_ADMIN, 'home-bot');
  const token = (await exchange(account.id, (await addSecret(owner, account.id)).clientSecret)).accessToken;
  expect(await refused(t.clients.users.listUsers({ pageSize: 1, pageToken: '', role: 0, status: 0, emailPrefix: '' }, headers({ token, tenant: other })))).toMatchObject({
    code: status.PERMISSION_DENIED,
    reason: 'TENANT_MISMATCH',
  });
});

test('platform service accounts: a super-admin manages them without x-tenant-id; their tokens act as SUPER_ADMIN until disabled', async () => {
  const root = headers({ token: await t.superAdminToken() });
  const empty = { id: '', description: '', status: 0, credentials: [], lastUsedTime: undefined, createTime: undefined };
  const account = (await sa().createServiceAccount({ serviceAccount: { ...empty, name: 'provisioner', role: Role.ROLE_UNSPECIFIED } }, { metadata: root })).serviceAccount!;
  expect(account.role).toBe(Role.ROLE_SUPER_ADMIN);
  const { clientSecret } = await sa().createServiceAccountSecret({ serviceAccountId: account.id, expireTime: undefined }, { metadata: root });
  const token = await exchange(account.id, clientSecret, null);
  expect(claims(token.accessToken)).toMatchObject({ sub: account.id, role: 'SUPER_ADMIN', kind: 'service_account' });
  expect(claims(token.accessToken).tid).toBeUndefined();
  const caller = headers({ token: token.accessToken });
  await t.clients.tenants.listTenants({ pageSize: 1, pageToken: '', status: 0 }, caller);
  // Its secret is no good inside a tenant, and a tenant OWNER cannot see platform accounts.
  expect(await refused(exchange(account.id, clientSecret, slug))).toMatchObject({ reason: 'INVALID_CLIENT' });
  expect(await refused(sa().getServiceAccount({ serviceAccountId: account.id }, { metadata: as(owner) }))).toMatchObject({ code: status.NOT_FOUND });
  // A tenant admin who sends no x-tenant-id is told to send it.
  expect(await refused(sa().listServiceAccounts({ pageSize: 0, pageToken: '' }, { metadata: headers({ token: owner.token }) }))).toMatchObject({ code: status.INVALID_ARGUMENT });

  await sa().disableServiceAccount({ serviceAccountId: account.id }, { metadata: root });
  expect(await refused(t.clients.tenants.listTenants({ pageSize: 1, pageToken: '', status: 0 }, caller))).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'USER_INACTIVE' });
  const audit = await t.clients.audit.listAuditEvents({ pageSize: 10, pageToken: '', actorId: '', action: 'ServiceAccountDisabled', startTime: undefined, endTime: undefined }, root);
  expect(audit.events.map((e) => e.event?.$case)).toEqual(['serviceAccountDisabled']);
});

test('the client kit: a ServiceTokenSource calls as the account, and verifyAccessToken (keys from GetJwks) proves who called', async () => {
  const account = await createAccount(owner, Role.ROLE_ADMIN, 'kit-bot');
  const { clientSecret } = await addSecret(owner, account.id);
  const source = new ServiceTokenSource({ auth: kit.auth, clientId: account.id, clientSecret, tenant: slug });
  const tokens = await Promise.all(Array.from({ length: 5 }, () => source.token()));
  expect(new Set(tokens).size).toBe(1);
  expect(source.exchanges).toBe(1);
  const listed = await kit.users.listUsers({ pageSize: 5, pageToken: '', role: 0, status: 0, emailPrefix: '' }, { metadata: await source.metadata() });
  expect(listed.users.length).toBeGreaterThan(0);

  // A downstream service verifies the token with the service's own keys and settings.
  const verifier = createAccessTokenVerifier({ jwks: jwksFromGrpc(kit.auth), issuer: 'user-service', audience: 'user-service' });
  const tenantId = claims(tokens[0]).tid as string;
  expect(await verifier.verifyAccessToken(tokens[0], { tenantId })).toEqual({
    subject: account.id,
    role: 'ADMIN',
    tenantId,
    kind: 'service_account',
    sessionId: undefined,
    expiresAt: expect.any(Date),
  });
  await expect(verifier.verifyAccessToken(tokens[0], { tenantId: null })).rejects.toMatchObject({ reason: 'TENANT_MISMATCH' });
  expect(await verifier.verifyAccessToken(owner.token)).toMatchObject({ subject: owner.id, role: 'OWNER', kind: 'person', tenantId });
  expect(verifier.fetches).toBe(1);
});

describe('private-key JWT credentials (RFC 7523)', () => {
  const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

  function assertion(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
    const alg = key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
    const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${part({ alg, kid })}.${part(claims)}`;
    return `${body}.${sign('sha256', Buffer.from(body), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key).toString('base64url')}`;
  }
  const withAssertion = (clientId: string, clientAssertion: string) =>
    kit.auth.issueServiceToken({ clientId, clientSecret: '', clientAssertion, clientAssertionType: JWT_BEARER }, { tenant: slug });
  const registerKey = (id: string, publicKeyPem: string) => sa().registerServiceAccountKey({ serviceAccountId: id, publicKeyPem, expireTime: undefined }, { metadata: as(owner) });

  test('a registered RSA key: the token source signs assertions; a replayed, misaddressed, long-lived or foreign one is INVALID_CLIENT', async () => {
    const account = await createAccount(owner, Role.ROLE_ADMIN, 'key-bot');
    const credential = (await registerKey(account.id, pem(rsa.publicKey))).credential!;
    expect(credential).toMatchObject({ kind: 2, publicKeyPem: pem(rsa.publicKey), secretHint: expect.stringMatching(/^key_[0-9a-f]{12}$/) });
    const source = new ServiceTokenSource({ auth: kit.auth, clientId: account.id, tenant: slug, privateKey: { key: rsa.privateKey, keyId: credential.id, audience: 'user-service' } });
    const token = await source.token();
    expect(claims(token)).toMatchObject({ sub: account.id, role: 'ADMIN', kind: 'service_account' });

    const seconds = Math.floor(Date.now() / 1000);
    const good = { iss: account.id, sub: account.id, aud: 'user-service', exp: seconds + 60, jti: `j-${seconds}` };
    const once = assertion(rsa.privateKey, credential.id, good);
    await withAssertion(account.id, once);
    const invalid = { code: status.UNAUTHENTICATED, reason: 'INVALID_CLIENT' };
    expect(await refused(withAssertion(account.id, once))).toMatchObject(invalid); // single use
    expect(await refused(withAssertion(account.id, assertion(rsa.privateKey, credential.id, { ...good, jti: 'a2', aud: 'someone-else' })))).toMatchObject(invalid);
    await withAssertion(account.id, assertion(rsa.privateKey, credential.id, { ...good, jti: 'a3' })); // a success clears the failures
    expect(await refused(withAssertion(account.id, assertion(rsa.privateKey, credential.id, { ...good, jti: 'a4', exp: seconds + 3600 })))).toMatchObject(invalid);
    expect(await refused(withAssertion(account.id, assertion(ec.privateKey, credential.id, { ...good, jti: 'a5' })))).toMatchObject(invalid); // not its key
    await withAssertion(account.id, assertion(rsa.privateKey, credential.id, { ...good, jti: 'a6' }));
    // Revoked: refused.
    await sa().revokeServiceAccountCredential({ serviceAccountId: account.id, credentialId: credential.id }, { metadata: as(owner) });
    expect(await refused(withAssertion(account.id, assertion(rsa.privateKey, credential.id, { ...good, jti: 'a7' })))).toMatchObject(invalid);
  });

  test('an EC P-256 key works too; weak or unreadable keys and mixed credentials are INVALID_ARGUMENT', async () => {
    const account = await createAccount(owner, Role.ROLE_MEMBER, 'ec-bot');
    const credential = (await registerKey(account.id, pem(ec.publicKey))).credential!;
    const seconds = Math.floor(Date.now() / 1000);
    await withAssertion(account.id, assertion(ec.privateKey, credential.id, { iss: account.id, sub: account.id, aud: 'user-service', exp: seconds + 60, jti: 'e1' }));
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    for (const bad of [pem(weak), 'not a key', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n']) {
      const error = await failure(registerKey(account.id, bad));
      expect({ code: error.code, fields: statusDetails(error).violations.map((v) => v.field) }).toEqual({ code: status.INVALID_ARGUMENT, fields: ['public_key_pem'] });
    }
    const both = await failure(kit.auth.issueServiceToken({ clientId: account.id, clientSecret: 'us_sk_x', clientAssertion: 'a.b.c', clientAssertionType: JWT_BEARER }, { tenant: slug }));
    expect(statusDetails(both).violations.map((v) => v.field)).toEqual(['client_secret']);
    const neither = await failure(kit.auth.issueServiceToken({ clientId: account.id, clientSecret: '', clientAssertion: '', clientAssertionType: '' }, { tenant: slug }));
    expect(statusDetails(neither).violations.map((v) => v.field)).toEqual(['client_secret']);
    const wrongType = await failure(kit.auth.issueServiceToken({ clientId: account.id, clientSecret: '', clientAssertion: 'a.b.c', clientAssertionType: 'jwt' }, { tenant: slug }));
    expect(statusDetails(wrongType).violations.map((v) => v.field)).toEqual(['client_assertion_type']);
  });
});
