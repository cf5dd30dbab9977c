import { readFileSync } from 'node:fs';
import { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { Principal } from '../../../src/domain/auth/principal';
import { Tenant } from '../../../src/domain/tenant/tenant';
import { AuditServiceService } from '../../../src/gen/proto/userservice/v1/audit_service';
import { AuthServiceService } from '../../../src/gen/proto/userservice/v1/auth_service';
import { descriptorSetPath } from '../../../src/infrastructure/project-root';
import { attachCallContext, CallContext } from '../../../src/interface/grpc/call-context';
import { loadAccessPolicies } from '../../../src/interface/grpc/policy/access-policies';
import { assertPoliciesProvide, authenticated, authenticatedInTenant, publicInTenant, publicMethod } from '../../../src/interface/grpc/typed-methods';
import { unary } from '../../../src/interface/grpc/unary';
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
    listMySessions: authenticated(ok),
    revokeSession: authenticated(ok),
    revokeOtherSessions: authenticated(ok),
    startTotpEnrollment: authenticated(ok),
    confirmTotpEnrollment: authenticated(ok),
    disableTotp: authenticated(ok),
    verifySecondFactor: publicMethod(ok),
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
  const metadata = new Metadata();
  const context: CallContext = { requestId: 'r', method: '/m', peer: 'p', logger: new RecordingLogger(), principal, tenant };
  attachCallContext(metadata, context);
  const seen: unknown[] = [];
  const handler = authenticatedInTenant<object, object>(async (_request, ctx) => {
    // By type: no optional chaining, no assertion.
    const slug: string = ctx.tenant.slug;
    const subject: string = ctx.principal.subject;
    seen.push(slug, subject);
    return {};
  });
  await new Promise((resolve) => handler({ metadata, request: {}, cancelled: false } as unknown as ServerUnaryCall<object, object>, resolve));
  expect(seen).toEqual(['acme', 'u1']);
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
