import { readFileSync } from 'node:fs';
import { Metadata } from '@grpc/grpc-js';
import { PlatformAdminReader } from '../../../src/application/platform-admin/platform-admin-reader';
import { TenantSchemaGate } from '../../../src/application/tenant/tenant-schema-gate';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { descriptorSetPath } from '../../../src/infrastructure/project-root';
import { CallContext } from '../../../src/interface/grpc/call-context';
import { accessPolicyCheck } from '../../../src/interface/grpc/interceptors/access-policy.check';
import { accountCheck } from '../../../src/interface/grpc/interceptors/account.check';
import { authenticationCheck } from '../../../src/interface/grpc/interceptors/authentication.check';
import { CallCheck } from '../../../src/interface/grpc/interceptors/call-check';
import { tenantCheck } from '../../../src/interface/grpc/interceptors/tenant.check';
import { loadAccessPolicies } from '../../../src/interface/grpc/policy/access-policies';
import { InMemoryTenantDirectory } from '../support/in-memory-tenant-directory';
import { InMemoryTokenVerifier } from '../support/in-memory-token-verifier';
import { InMemoryUserReader } from '../support/in-memory-user-reader';
import { PrincipalMother, SCHEMA_VERSION, TenantMother, UserViewMother } from '../support/mothers';
import { RecordingLogger } from '../support/recording-logger';

/**
 * The checks every call of ours passes (authentication → role → tenant → account), in the server's order,
 * against the real access policies from the proto and in-memory ports: what each refusal answers, and what a
 * passing call's context holds.
 */
const policies = loadAccessPolicies(readFileSync(descriptorSetPath()), 'userservice.v1');

const acme = TenantMother.active({ slug: 'acme' });
const globex = TenantMother.active({ slug: 'globex' });
const suspended = TenantMother.withStatus('SUSPENDED');
const provisioning = TenantMother.withStatus('PROVISIONING');
const behind = TenantMother.active({ schemaVersion: '20000101000000_old' });
const owner = PrincipalMother.tenantUser(acme, 'OWNER');
const member = PrincipalMother.tenantUser(acme, 'MEMBER');
const demotedAdmin = PrincipalMother.tenantUser(acme, 'ADMIN');
const disabled = PrincipalMother.tenantUser(acme, 'MEMBER');
const superAdmin = PrincipalMother.superAdmin();
const removedSuperAdmin = PrincipalMother.superAdmin();

const verifier = new InMemoryTokenVerifier();
const directory = new InMemoryTenantDirectory([acme, globex, suspended, provisioning, behind]);
const users = new InMemoryUserReader([
  [acme, UserViewMother.of(owner)],
  [acme, UserViewMother.of(member)],
  [acme, UserViewMother.of(demotedAdmin, { role: 'MEMBER' })],
  [acme, UserViewMother.of(disabled, { status: 'DISABLED' })],
]);
// The super-admins that exist (the platform-admin cache as the account check reads it).
const admins: PlatformAdminReader = {
  exists: async (id) => id === superAdmin.subject,
  existsInMemory: () => undefined,
  invalidate: async () => undefined,
};
// In 'refuse' mode a current tenant passes without I/O and one behind is refused: the other ports are not used.
const gate = new TenantSchemaGate(SCHEMA_VERSION, 'refuse', undefined as never, undefined as never, undefined as never, new RecordingLogger());
const checks: CallCheck[] = [authenticationCheck(verifier), accessPolicyCheck(), tenantCheck(directory, gate), accountCheck(users, admins)];

/** Runs the checks for `method` with these headers: the context on success, the DomainError on refusal. */
async function call(method: string, headers: { token?: string; authorization?: string[]; tenant?: string | string[] }): Promise<CallContext | DomainError> {
  const policy = policies.get(`/userservice.v1.${method}`);
  if (!policy) throw new Error(`no policy for ${method}`);
  const metadata = new Metadata();
  if (headers.token) metadata.add('authorization', `Bearer ${headers.token}`);
  for (const value of headers.authorization ?? []) metadata.add('authorization', value);
  for (const slug of [headers.tenant ?? []].flat()) metadata.add('x-tenant-id', slug);
  const context = { requestId: 'r', method, peer: 'p', logger: new RecordingLogger(), policy };
  try {
    for (const check of checks) await check(context, metadata);
    return context;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

const refusal = (outcome: CallContext | DomainError) =>
  outcome instanceof DomainError ? { code: outcome.kind, reason: outcome.reason, fields: outcome.violations.map((v) => v.field) } : 'passed';

describe('authentication and role', () => {
  test.each([
    ['no token', {}, 'UNAUTHENTICATED', 'TOKEN_MISSING'],
    ['not a Bearer JWT', { authorization: ['Basic abc'] }, 'UNAUTHENTICATED', 'TOKEN_MALFORMED'],
    ['two authorization headers', { authorization: ['Bearer a.b.c', 'Bearer a.b.c'] }, 'UNAUTHENTICATED', 'TOKEN_MALFORMED'],
    ['a token nobody issued', { token: 'x.y.z' }, 'UNAUTHENTICATED', 'TOKEN_INVALID'],
  ])('%s is refused', async (_name, headers, code, reason) => {
    expect(refusal(await call('UserService/GetMe', { ...headers, tenant: 'acme' }))).toEqual({ code, reason, fields: [] });
  });

  test('a role the policy does not list is refused before the tenant is looked up', async () => {
    directory.lookups.length = 0;
    expect(refusal(await call('UserService/ListUsers', { token: verifier.tokenFor(member), tenant: 'no-such-tenant' }))).toEqual({
      code: 'PERMISSION_DENIED',
      reason: 'ROLE_NOT_ALLOWED',
      fields: [],
    });
    expect(directory.lookups).toEqual([]);
  });

  test('a public method needs no token', async () => {
    expect(refusal(await call('AuthService/GetJwks', {}))).toBe('passed');
  });
});

describe('tenant', () => {
  test.each([
    ['missing on a method that requires it', undefined, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', ['x-tenant-id']],
    ['sent twice', ['acme', 'acme'], 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', ['x-tenant-id']],
    ['not a slug', 'Not A Slug', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', ['x-tenant-id']],
  ])('x-tenant-id %s', async (_name, tenant, code, reason, fields) => {
    expect(refusal(await call('UserService/GetMe', { token: verifier.tokenFor(owner), tenant }))).toEqual({ code, reason, fields });
  });

  test("a token of one tenant used with another's slug is TENANT_MISMATCH, whether or not that tenant exists", async () => {
    const token = verifier.tokenFor(owner);
    for (const tenant of ['globex', 'no-such-tenant']) {
      expect(refusal(await call('UserService/GetMe', { token, tenant }))).toEqual({ code: 'PERMISSION_DENIED', reason: 'TENANT_MISMATCH', fields: [] });
    }
  });

  test('an unknown tenant is NOT_FOUND for a public method', async () => {
    expect(refusal(await call('AuthService/SignUp', { tenant: 'no-such-tenant' }))).toEqual({ code: 'NOT_FOUND', reason: 'TENANT_NOT_FOUND', fields: [] });
  });

  test.each([
    ['SUSPENDED', suspended, 'FAILED_PRECONDITION', 'TENANT_SUSPENDED'],
    ['PROVISIONING', provisioning, 'UNAVAILABLE', 'TENANT_NOT_READY'],
    ['with its schema behind (refuse mode)', behind, 'FAILED_PRECONDITION', 'TENANT_SCHEMA_BEHIND'],
  ])('a tenant %s cannot serve', async (_name, tenant, code, reason) => {
    expect(refusal(await call('AuthService/SignUp', { tenant: tenant.slug }))).toEqual({ code, reason, fields: [] });
  });

  test('an optional tenant may be left out; a super-admin naming a tenant is TENANT_MISMATCH', async () => {
    const token = verifier.tokenFor(superAdmin);
    const platform = await call('AuditService/ListAuditEvents', { token });
    expect(refusal(platform)).toBe('passed');
    expect((platform as CallContext).tenant).toBeUndefined();
    expect(refusal(await call('AuditService/ListAuditEvents', { token, tenant: 'acme' }))).toEqual({ code: 'PERMISSION_DENIED', reason: 'TENANT_MISMATCH', fields: [] });
  });
});

describe('account', () => {
  test('a passing call carries its principal and tenant', async () => {
    const outcome = await call('UserService/ListUsers', { token: verifier.tokenFor(owner), tenant: 'acme' });
    expect(refusal(outcome)).toBe('passed');
    expect(outcome).toMatchObject({ principal: owner, tenant: acme });
  });

  test('a disabled account is USER_INACTIVE even with a valid token', async () => {
    expect(refusal(await call('UserService/GetMe', { token: verifier.tokenFor(disabled), tenant: 'acme' }))).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'USER_INACTIVE',
      fields: [],
    });
  });

  test('the role is the account’s current one, not the token’s: a demoted admin loses admin methods at once', async () => {
    const token = verifier.tokenFor(demotedAdmin);
    expect(refusal(await call('UserService/ListUsers', { token, tenant: 'acme' }))).toEqual({ code: 'PERMISSION_DENIED', reason: 'ROLE_NOT_ALLOWED', fields: [] });
    const me = await call('UserService/GetMe', { token, tenant: 'acme' });
    expect((me as CallContext).principal?.role).toBe('MEMBER');
  });

  test('a removed super-admin’s token is USER_INACTIVE; an existing one passes', async () => {
    expect(refusal(await call('TenantService/ListTenants', { token: verifier.tokenFor(superAdmin) }))).toBe('passed');
    expect(refusal(await call('TenantService/ListTenants', { token: verifier.tokenFor(removedSuperAdmin) }))).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'USER_INACTIVE',
      fields: [],
    });
  });
});
