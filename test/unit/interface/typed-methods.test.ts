import { readFileSync } from 'node:fs';
import { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { Principal } from '../../../src/domain/auth/principal';
import { Tenant } from '../../../src/domain/tenant/tenant';
import { AuditServiceService } from '../../../src/gen/proto/userservice/v1/audit_service';
import { AuthServiceService } from '../../../src/gen/proto/userservice/v1/auth_service';
import { descriptorSetPath } from '../../../src/infrastructure/project-root';
import { loadAccessPolicies } from '../../../src/interface/grpc/policy/access-policies';
import { assertPoliciesProvide, authenticated, authenticatedInTenant, publicInTenant, publicMethod } from '../../../src/interface/grpc/typed-methods';
import { bindUnary, unary } from '../../../src/interface/grpc/unary';
import { CallCheck } from '../../../src/interface/grpc/interceptors/call-check';
import { RecordingLogger } from '../support/recording-logger';

const policies = loadAccessPolicies(readFileSync(descriptorSetPath()), 'userservice.v1');
/*
 * The real services against the real policies are checked by every start of the service (createGrpcServer),
 * so by every e2e test; here, what the check refuses. (Importing the services would pull the whole
 * application and inversify into this fast project.)
 */

describe('the server refuses to start when a method could read what its policy does not guarantee', () => {
  const ok = async () => ({});
  /** AuthService as declared in auth.grpc-service.ts. */
  const auth = {
    signUp: publicInTenant(ok),
    login: publicMethod(ok),
    refreshToken: publicMethod(ok),
    logout: publicMethod(ok),
    getJwks: publicMethod(ok),
    issueServiceToken: publicMethod(ok),
    requestPasswordReset: publicInTenant(ok),
    resetPassword: publicInTenant(ok),
    verifyEmail: publicInTenant(ok),
    resendVerification: publicInTenant(ok),
    acceptInvitation: publicInTenant(ok),
    listMySessions: authenticated(ok),
    revokeSession: authenticated(ok),
    revokeOtherSessions: authenticated(ok),
    startTotpEnrollment: authenticated(ok),
    confirmTotpEnrollment: authenticated(ok),
    disableTotp: authenticated(ok),
    verifySecondFactor: publicMethod(ok),
    startRequiredTotpEnrollment: publicInTenant(ok),
    confirmRequiredTotpEnrollment: publicInTenant(ok),
  };

  test('methods typed as their policies provide pass', () => {
    expect(() => assertPoliciesProvide(AuthServiceService, auth, policies)).not.toThrow();
    expect(() => assertPoliciesProvide(AuditServiceService, { listAuditEvents: authenticated(ok) }, policies)).not.toThrow();
  });

  test('a method typed as needing a principal whose policy is public', () => {
    expect(() => assertPoliciesProvide(AuthServiceService, { ...auth, login: authenticated(ok) }, policies)).toThrow(
      '/userservice.v1.AuthService/Login is typed as needing a principal, but its access policy is public',
    );
  });

  test('a method typed as needing a tenant whose tenant scope is not REQUIRED', () => {
    const audit = { listAuditEvents: authenticatedInTenant(ok) };
    expect(() => assertPoliciesProvide(AuditServiceService, audit, policies)).toThrow(
      "/userservice.v1.AuditService/ListAuditEvents is typed as needing a tenant, but its access policy's tenant scope is OPTIONAL",
    );
    expect(() => assertPoliciesProvide(AuthServiceService, { ...auth, login: publicInTenant(ok) }, policies)).toThrow(/Login is typed as needing a tenant/);
  });

  test('a method not declared with one of the typed wrappers', () => {
    expect(() => assertPoliciesProvide(AuthServiceService, { ...auth, getJwks: unary(ok) }, policies)).toThrow(/GetJwks is not declared with/);
  });
});

test('the method receives the principal and tenant the checks put into the call context', async () => {
  const tenant = { id: 't1', slug: 'acme' } as unknown as Tenant;
  const principal: Principal = { subject: 'u1', role: 'ADMIN', tenantId: 't1' } as Principal;
  // Stand-ins for the authentication and tenant checks: they establish what they would.
  const checks: CallCheck[] = [
    (context) => {
      context.principal = principal;
    },
    (context) => {
      context.tenant = tenant;
    },
  ];
  const seen: unknown[] = [];
  const handler = authenticatedInTenant<object, object>(async (_request, ctx) => {
    // By type: no optional chaining, no assertion.
    const slug: string = ctx.tenant.slug;
    const subject: string = ctx.principal.subject;
    seen.push(slug, subject);
    return {};
  });
  const path = '/userservice.v1.UserService/GetMe';
  bindUnary(handler, { path, policy: policies.get(path)!, pipeline: { logger: new RecordingLogger(), observe: () => undefined, checks } });
  const call = { metadata: new Metadata(), request: {}, cancelled: false, getPeer: () => 'p', sendMetadata: () => undefined };
  await new Promise((resolve) => handler(call as unknown as ServerUnaryCall<object, object>, resolve));
  expect(seen).toEqual(['acme', 'u1']);
});

test('a handler not bound to a server answers INTERNAL instead of serving', async () => {
  const handler = publicMethod(async () => ({}));
  const call = { metadata: new Metadata(), request: {}, cancelled: false, getPeer: () => 'p', sendMetadata: () => undefined };
  const error = await new Promise((resolve) => handler(call as unknown as ServerUnaryCall<object, object>, resolve));
  expect(error).toMatchObject({ code: 13 });
});

// Type-level checks (npm run typecheck): what each wrapper's context does and does not promise.
export const typeChecks = [
  authenticatedInTenant(async (_request: object, ctx) => ({ tenant: ctx.tenant.id, subject: ctx.principal.subject })),
  publicInTenant(async (_request: object, ctx) => ({ tenant: ctx.tenant.id })),
  // @ts-expect-error a public method in a tenant has no guaranteed principal
  publicInTenant(async (_request: object, ctx) => ({ subject: ctx.principal.subject })),
  // @ts-expect-error an authenticated method without tenant scope REQUIRED has no guaranteed tenant
  authenticated(async (_request: object, ctx) => ({ tenant: ctx.tenant.id })),
  // @ts-expect-error a public method has neither
  publicMethod(async (_request: object, ctx) => ({ subject: ctx.principal.subject })),
];
