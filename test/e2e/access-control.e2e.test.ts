import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import jwt from 'jsonwebtoken';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { signingKeyFromPem } from '../../src/infrastructure/crypto/signing-key';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { uniqueName } from '../support/test-database';
import { startTestApp, SUPERADMIN, TestApp } from '../support/test-app';

let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await startTestApp();
  slug = uniqueName('ac').replace(/_/g, '-');
  await t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Access Co' }) }, headers({ token: await t.superAdminToken() }));
});
afterAll(async () => {
  await t?.dispose();
});

const listTenants = (token?: string, raw?: string) => {
  const metadata = headers({ token });
  if (raw !== undefined) metadata.set('authorization', raw);
  return failure(t.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: 0 }, metadata));
};

/** Signs a token with the service's own key, with chosen claims and options. */
function serviceSigned(claims: object, options: jwt.SignOptions = {}): string {
  const pem = readFileSync(path.join(t.dataDir, 'keys', 'jwt-signing-key.pem'), 'utf8');
  const key = signingKeyFromPem(pem);
  return jwt.sign(claims, createPrivateKey(pem), { algorithm: 'RS256', keyid: key.kid, issuer: 'user-service', audience: 'user-service', expiresIn: 60, ...options });
}

describe('authentication', () => {
  test('a method that needs a token refuses a call without one, saying how to send it', async () => {
    const error = await listTenants();
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(error.details).toContain('authorization: Bearer');
    expect(statusDetails(error)).toMatchObject({ reason: 'TOKEN_MISSING', domain: 'userservice.v1' });
  });

  test.each([
    ['not a bearer header', 'Basic dXNlcjpwYXNz'],
    ['a bearer of garbage', 'Bearer not-a-jwt'],
  ])('a malformed authorization header (%s) is UNAUTHENTICATED', async (_name, raw) => {
    expect((await listTenants(undefined, raw)).code).toBe(status.UNAUTHENTICATED);
  });

  test('a single malformed authorization header is told what is wrong with it, not to send exactly one', async () => {
    const good = await t.superAdminToken();
    const cases: Array<[string, RegExp]> = [
      ['Bearer abc', /not a JWT: it has 1 dot-separated part, a JWT has 3/],
      [`bearer ${good}`, /must be written "Bearer", with a capital B/],
      [good, /sent without the "Bearer " prefix/],
      ['Basic dXNlcjpwYXNz', /must start with "Bearer " \(this one uses another scheme or none\)/],
      [`Bearer  ${good}`, /"Bearer", one space, then the token/],
      ['Bearer', /no token after "Bearer"/],
      [`Bearer ${good.replace('.', '.+')}`, /only base64url characters/],
    ];
    for (const [raw, expected] of cases) {
      const error = await listTenants(undefined, raw);
      expect({ raw, code: error.code, reason: statusDetails(error)?.reason }).toEqual({ raw, code: status.UNAUTHENTICATED, reason: 'TOKEN_MALFORMED' });
      expect({ raw, details: error.details }).toEqual({ raw, details: expect.stringMatching(expected) });
      expect(error.details).not.toContain(good); // the token itself is never echoed
    }
    // (Two authorization headers cannot be sent by grpc-js; test/security sends them through gRPC's C core.)
  });

  test('tampered, foreign, unsigned, expired and wrong-audience tokens are refused', async () => {
    const good = await t.superAdminToken();
    const [head, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const kid = JSON.parse(Buffer.from(head, 'base64url').toString()).kid as string;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid })).toString('base64url')}.${payload}.`;
    const publicPem = signingKeyFromPem(readFileSync(path.join(t.dataDir, 'keys', 'jwt-signing-key.pem'), 'utf8')).publicKey.export({ type: 'spki', format: 'pem' });
    const hsWithPublicKey = jwt.sign({ sub: claims.sub, role: 'SUPER_ADMIN' }, publicPem.toString(), { algorithm: 'HS256', keyid: kid, issuer: 'user-service', audience: 'user-service' });
    const tokens = {
      tampered: `${head}.${forged}.${signature}`,
      foreignKey: jwt.sign({ sub: claims.sub, role: 'SUPER_ADMIN' }, foreignKey, { algorithm: 'RS256', keyid: kid, issuer: 'user-service', audience: 'user-service' }),
      unsigned,
      hsWithPublicKey,
      expired: serviceSigned({ sub: claims.sub, role: 'SUPER_ADMIN' }, { expiresIn: -60 }),
      notYetValid: serviceSigned({ sub: claims.sub, role: 'SUPER_ADMIN' }, { notBefore: 3600 }),
      wrongAudience: serviceSigned({ sub: claims.sub, role: 'SUPER_ADMIN' }, { audience: 'another-service' }),
      wrongIssuer: serviceSigned({ sub: claims.sub, role: 'SUPER_ADMIN' }, { issuer: 'evil' }),
      unknownKid: serviceSigned({ sub: claims.sub, role: 'SUPER_ADMIN' }, { keyid: 'unknown' }),
      unknownRole: serviceSigned({ sub: claims.sub, role: 'GOD' }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const error = await listTenants(token);
      expect({ name, code: error.code }).toEqual({ name, code: status.UNAUTHENTICATED });
      expect(error.details).not.toMatch(/at .*\.ts|stack|SELECT/);
    }
    expect(statusDetails(await listTenants(tokens.expired)).reason).toBe('TOKEN_EXPIRED');
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const wrongPassword = await failure(t.clients.auth.login({ email: SUPERADMIN.email, password: 'wrong password!' }));
    const unknownEmail = await failure(t.clients.auth.login({ email: 'nobody@platform.test', password: 'wrong password!' }));
    expect(wrongPassword.code).toBe(status.UNAUTHENTICATED);
    expect(unknownEmail.code).toBe(status.UNAUTHENTICATED);
    expect(unknownEmail.details).toBe(wrongPassword.details);
    expect(statusDetails(unknownEmail).reason).toBe(statusDetails(wrongPassword).reason);
  });

  test('the super-admin login answers a short-lived RS256 token whose kid is in the JWKS', async () => {
    const login = await t.clients.auth.login(SUPERADMIN);
    expect(login.subject).toMatchObject({ $case: 'platformAdmin', value: { email: SUPERADMIN.email } });
    expect(login.tokens?.tokenType).toBe('Bearer');
    const expiresIn = login.tokens!.accessTokenExpireTime!.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    const header = jwt.decode(login.tokens!.accessToken, { complete: true })!.header;
    const jwks = await t.clients.auth.getJwks({});
    expect(header.alg).toBe('RS256');
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    // Another service verifies the token locally with the published key.
    const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
    const { createPublicKey } = await import('node:crypto');
    const publicKey = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
    expect(jwt.verify(login.tokens!.accessToken, publicKey, { algorithms: ['RS256'], audience: 'user-service' })).toMatchObject({ role: 'SUPER_ADMIN' });
  });
});

describe('role policy and tenant selection', () => {
  test('a tenant-role token cannot call a super-admin method', async () => {
    const member = serviceSigned({ sub: '0190a0a0-0000-7000-8000-000000000000', role: 'MEMBER', tid: '0190a0a0-0000-7000-8000-000000000001' });
    const error = await listTenants(member);
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(statusDetails(error).reason).toBe('ROLE_NOT_ALLOWED');
  });

  test('a super-admin token cannot be used as a tenant user', async () => {
    const error = await failure(t.clients.users.getMe({}, headers({ token: await t.superAdminToken(), tenant: slug })));
    expect(error.code).toBe(status.PERMISSION_DENIED);
  });

  test('a token of one tenant is refused in another, whether or not that one exists', async () => {
    const other = serviceSigned({ sub: '0190a0a0-0000-7000-8000-000000000000', role: 'OWNER', tid: '0190a0a0-0000-7000-8000-0000000000ff' });
    const existing = await failure(t.clients.users.getMe({}, headers({ token: other, tenant: slug })));
    const missing = await failure(t.clients.users.getMe({}, headers({ token: other, tenant: 'no-such-tenant' })));
    expect(existing.code).toBe(status.PERMISSION_DENIED);
    expect(missing.code).toBe(status.PERMISSION_DENIED);
    expect(missing.details).toBe(existing.details.replace(slug, 'no-such-tenant'));
  });

  test('tenant-scoped calls need a well-formed x-tenant-id, sent once', async () => {
    const { auth } = t.clients;
    const missing = await failure(auth.signUp({ email: 'a@b.test', password: 'x', name: 'A' }));
    expect(missing.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(missing).violations).toEqual([{ field: 'x-tenant-id', description: expect.stringContaining('required') }]);
    const malformed = await failure(auth.signUp({ email: 'a@b.test', password: 'x', name: 'A' }, headers({ tenant: "x'; DROP DATABASE postgres; --" })));
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    const twice = headers({ tenant: slug });
    twice.add('x-tenant-id', slug);
    expect((await failure(auth.signUp({ email: 'a@b.test', password: 'x', name: 'A' }, twice))).code).toBe(status.INVALID_ARGUMENT);
    expect((await failure(auth.signUp({ email: 'a@b.test', password: 'x', name: 'A' }, headers({ tenant: 'unknown-tenant' })))).code).toBe(status.NOT_FOUND);
  });

  test('every call gets a request id back, the caller’s own when well-formed', async () => {
    const metadata = headers({});
    metadata.set('x-request-id', 'trace-123');
    const error = await failure(t.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: 0 }, metadata));
    expect(error.metadata.get('x-request-id')).toEqual(['trace-123']);
    const line = t.logs.find((l) => l.requestId === 'trace-123');
    expect(line).toMatchObject({ method: '/userservice.v1.TenantService/ListTenants', code: 'UNAUTHENTICATED' });
  });
});
