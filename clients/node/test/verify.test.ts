import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AccessTokenError, AccessTokenVerifier, Jwk, jwksFromUrl, verifyAccessToken } from '../src';

/** A signing key as UserService has one: RS256, published as a JWK with its kid. */
function signingKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as { n: string; e: string; kty: string }), kid, use: 'sig', alg: 'RS256' } as Jwk;
  return { kid, privateKey, jwk };
}

function jwt(key: { kid: string; privateKey: KeyObject }, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const h = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), key.privateKey).toString('base64url')}`;
}

const now = 1_800_000_000_000;
const seconds = now / 1000;
const base = { iss: 'user-service', aud: 'user-service', iat: seconds, nbf: seconds, exp: seconds + 900 };
const tenantId = '0190f3a2-0000-7000-8000-000000000001';
const k1 = signingKey('k1');
const k2 = signingKey('k2');

function verifier(keys: () => Jwk[], extra: Partial<ConstructorParameters<typeof AccessTokenVerifier>[0]> = {}) {
  let clock = now;
  const v = new AccessTokenVerifier({ jwks: async () => keys(), issuer: 'user-service', audience: 'user-service', now: () => clock, ...extra });
  return { v, advance: (ms: number) => (clock += ms) };
}

async function problem(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AccessTokenError) return error.reason;
    throw error;
  }
  return 'accepted';
}

test('a person and a service account: the typed principal', async () => {
  const { v } = verifier(() => [k1.jwk]);
  expect(await v.verifyAccessToken(jwt(k1, { ...base, sub: 'u1', role: 'ADMIN', tid: tenantId, sid: 's1' }))).toEqual({
    subject: 'u1', role: 'ADMIN', tenantId, kind: 'person', sessionId: 's1', expiresAt: new Date((seconds + 900) * 1000),
  });
  expect(await v.verifyAccessToken(jwt(k1, { ...base, sub: 'sa1', role: 'SUPER_ADMIN', kind: 'service_account' }), { tenantId: null })).toMatchObject({
    subject: 'sa1', role: 'SUPER_ADMIN', tenantId: undefined, kind: 'service_account',
  });
});

test('issuer, audience, expiry, not-before, signature, algorithm, claims and tenant are checked', async () => {
  const { v } = verifier(() => [k1.jwk], { cacheSize: 0 });
  const ok = { ...base, sub: 'u1', role: 'MEMBER', tid: tenantId };
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, iss: 'someone-else' })))).toBe('TOKEN_INVALID');
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, aud: 'another-service' })))).toBe('TOKEN_INVALID');
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, exp: seconds - 6 })))).toBe('TOKEN_EXPIRED');
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, exp: seconds - 4 })))).toBe('accepted'); // within the 5 s tolerance
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, nbf: seconds + 60 })))).toBe('TOKEN_INVALID');
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, role: 'ROOT' })))).toBe('TOKEN_INVALID');
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, kind: 'robot' })))).toBe('TOKEN_INVALID');
  expect(await problem(v.verifyAccessToken(jwt(k1, { ...ok, tid: undefined })))).toBe('TOKEN_INVALID'); // a tenant role without a tenant
  expect(await problem(v.verifyAccessToken(jwt(k1, ok, { alg: 'HS256' })))).toBe('TOKEN_INVALID');
  expect(await problem(v.verifyAccessToken(jwt(k2, ok, { kid: 'k1' })))).toBe('TOKEN_INVALID'); // signed by another key
  expect(await problem(v.verifyAccessToken('not.a-jwt'))).toBe('TOKEN_MALFORMED');
  expect(await problem(v.verifyAccessToken(jwt(k1, ok), { tenantId: '0190f3a2-0000-7000-8000-000000000002' }))).toBe('TENANT_MISMATCH');
  expect(await problem(v.verifyAccessToken(jwt(k1, ok), { tenantId: null }))).toBe('TENANT_MISMATCH');
  expect(await problem(v.verifyAccessToken(jwt(k1, ok), { tenantId }))).toBe('accepted');
});

test('a verified token is remembered, but its expiry and the tenant are checked on every hit', async () => {
  const { v, advance } = verifier(() => [k1.jwk]);
  const token = jwt(k1, { ...base, sub: 'u1', role: 'MEMBER', tid: tenantId });
  await v.verifyAccessToken(token);
  expect(await problem(v.verifyAccessToken(token, { tenantId: null }))).toBe('TENANT_MISMATCH');
  advance(906_000);
  expect(await problem(v.verifyAccessToken(token))).toBe('TOKEN_EXPIRED');
});

test('keys: fetched once, again on an unknown kid (rotation), but at most once per minRefreshIntervalMs', async () => {
  let published = [k1.jwk];
  const { v, advance } = verifier(() => published, { minRefreshIntervalMs: 30_000 });
  await v.verifyAccessToken(jwt(k1, { ...base, sub: 'u', role: 'SUPER_ADMIN' }));
  expect(v.fetches).toBe(1);
  // A token of a key not published yet: one fetch, then no more within the interval, however many tokens.
  const unknown = (i: number) => jwt(signingKey(`x${i}`), { ...base, sub: 'u', role: 'SUPER_ADMIN' });
  advance(30_000);
  const attempts = await Promise.all([0, 1, 2, 3, 4].map((i) => problem(v.verifyAccessToken(unknown(i)))));
  expect(attempts).toEqual(Array(5).fill('TOKEN_INVALID'));
  expect(v.fetches).toBe(2);
  // The issuer rotates to k2: the first k2 token after the interval fetches the keys and passes.
  published = [k1.jwk, k2.jwk];
  const k2token = jwt(k2, { ...base, sub: 'u', role: 'SUPER_ADMIN' });
  expect(await problem(v.verifyAccessToken(k2token))).toBe('TOKEN_INVALID'); // too soon after the last fetch
  advance(30_000);
  expect(await problem(v.verifyAccessToken(k2token))).toBe('accepted');
  expect(v.fetches).toBe(3);
});

describe('keys over HTTP (the JWKS Envoy serves)', () => {
  let server: Server;
  let url: string;
  let status = 200;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [k1.jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('verifyAccessToken with jwksFromUrl', async () => {
    const options = { jwks: jwksFromUrl(url), issuer: 'user-service', audience: 'user-service', tenantId, now: () => now };
    expect(await verifyAccessToken(jwt(k1, { ...base, sub: 'u1', role: 'OWNER', tid: tenantId }), options)).toMatchObject({ subject: 'u1', role: 'OWNER', tenantId });
  });

  test('an unreachable JWKS is KEYS_UNAVAILABLE, and the next call tries again', async () => {
    status = 503;
    const v = new AccessTokenVerifier({ jwks: jwksFromUrl(url), issuer: 'user-service', audience: 'user-service', now: () => now });
    const token = jwt(k1, { ...base, sub: 'u1', role: 'SUPER_ADMIN' });
    expect(await problem(v.verifyAccessToken(token))).toBe('KEYS_UNAVAILABLE');
    status = 200;
    expect(await problem(v.verifyAccessToken(token))).toBe('accepted');
  });
});
