import { generateKeyPairSync, sign } from 'node:crypto';
import { verifyClientAssertion } from '../../../src/application/service-account/client-assertion';
import { parsePublicKey } from '../../../src/application/service-account/public-key';
import { MAX_LIVE_CREDENTIALS, ServiceAccount } from '../../../src/domain/service-account/service-account';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { PrincipalMother, TenantMother } from '../support/mothers';

const tenant = TenantMother.active({ slug: 'acme' });
const owner = PrincipalMother.tenantUser(tenant, 'OWNER');
const admin = PrincipalMother.tenantUser(tenant, 'ADMIN');
const now = new Date('2026-12-02T10:00:00Z');

const create = (role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'SUPER_ADMIN' | undefined, platform = false, actor = owner) =>
  ServiceAccount.create({ id: 'sa-1', name: ' sync ', description: '', role, platform, actor, now });

function reason(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? (error.reason ?? error.kind) : String(error);
  }
  return undefined;
}

test('creation checks the role against the scope and the actor, and records ServiceAccountCreated', () => {
  const account = create('ADMIN');
  expect({ name: account.name, role: account.role, status: account.status }).toEqual({ name: 'sync', role: 'ADMIN', status: 'ACTIVE' });
  expect(account.pullDomainEvents()).toEqual([{ type: 'ServiceAccountCreated', targetId: 'sa-1', name: 'sync', role: 'ADMIN' }]);
  expect(create(undefined, true, PrincipalMother.superAdmin()).role).toBe('SUPER_ADMIN');
  expect(reason(() => create('ADMIN', true, PrincipalMother.superAdmin()))).toBe('INVALID_ARGUMENT');
  expect(reason(() => create('SUPER_ADMIN'))).toBe('INVALID_ARGUMENT');
  expect(reason(() => create(undefined))).toBe('INVALID_ARGUMENT');
  expect(reason(() => create('OWNER', false, admin))).toBe('OWNER_REQUIRED');
  expect(reason(() => create('OWNER').assertManageableBy(admin))).toBe('OWNER_PROTECTED');
});

test('credentials: at most 5 live ones; revoked or expired ones are not accepted and do not count', () => {
  const account = create('MEMBER');
  const credential = (id: string, expiresAt?: Date) => ({ id, kind: 'SECRET' as const, hint: 'us_sk_abcd', secretHash: id, expiresAt, createdAt: now });
  account.addCredential(credential('old', new Date(now.getTime() - 1)), now);
  for (let i = 0; i < MAX_LIVE_CREDENTIALS; i += 1) account.addCredential(credential(`c${i}`), now);
  expect(reason(() => account.addCredential(credential('extra'), now))).toBe('TOO_MANY_CREDENTIALS');
  expect(account.accepts(account.credentials[0], now)).toBe(false); // expired
  const revoked = account.revokeCredential('c0', now);
  expect(account.accepts(revoked, now)).toBe(false);
  expect(account.accepts(account.credentials[2], now)).toBe(true);
  account.addCredential(credential('c5'), now);
  expect(reason(() => account.revokeCredential('nope', now))).toBe('CREDENTIAL_NOT_FOUND');
  account.disable();
  expect(account.accepts(account.credentials[2], now)).toBe(false);
  expect(account.pullDomainEvents().map((e) => e.type)).toEqual([
    'ServiceAccountCreated',
    ...Array(MAX_LIVE_CREDENTIALS + 1).fill('ServiceAccountCredentialAdded'),
    'ServiceAccountCredentialRevoked',
    'ServiceAccountCredentialAdded',
    'ServiceAccountDisabled',
  ]);
});

describe('RFC 7523 assertions', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const account = create('ADMIN');
  account.addCredential({ id: 'kid-1', kind: 'KEY', hint: key.hint, publicKeyPem: key.pem, createdAt: now }, now);
  const seconds = now.getTime() / 1000;
  const good = { iss: 'sa-1', sub: 'sa-1', aud: 'user-service', exp: seconds + 60, jti: 'j1' };
  const make = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${part({ alg: 'RS256', kid: 'kid-1', ...header })}.${part(claims)}`;
    return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
  };
  const check = (assertion: string) => verifyClientAssertion(assertion, account, 'user-service', now);

  test('a good one names its credential and a replay id bound to credential and jti', () => {
    const verified = check(make(good))!;
    expect(verified.credential.id).toBe('kid-1');
    expect(verified.replayId).toMatch(/^[0-9a-f]{64}$/);
    expect(check(make({ ...good, jti: 'j2' }))!.replayId).not.toBe(verified.replayId);
    expect(verified.expiresAt.getTime()).toBe((seconds + 65) * 1000);
  });

  test.each([
    ['another issuer', { ...good, iss: 'sa-2' }, {}],
    ['another subject', { ...good, sub: 'sa-2' }, {}],
    ['another audience', { ...good, aud: 'other' }, {}],
    ['expired', { ...good, exp: seconds - 10 }, {}],
    ['living longer than 5 minutes', { ...good, exp: seconds + 306 }, {}],
    ['without a jti', { ...good, jti: undefined }, {}],
    ['not valid yet', { ...good, nbf: seconds + 60 }, {}],
    ['an unknown kid', good, { kid: 'kid-2' }],
    ['another algorithm than the key', good, { alg: 'ES256' }],
    ['alg none', good, { alg: 'none' }],
  ])('refused: %s', (_why, claims, header) => {
    expect(check(make(claims as Record<string, unknown>, header))).toBeUndefined();
  });

  test('a tampered signature and a revoked key are refused', () => {
    const [h, p] = make(good).split('.');
    expect(check(`${h}.${p}.${Buffer.alloc(256).toString('base64url')}`)).toBeUndefined();
    account.revokeCredential('kid-1', now);
    expect(check(make(good))).toBeUndefined();
  });
});
