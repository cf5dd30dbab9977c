import { Server, ServerCredentials, ServiceDefinition } from '@grpc/grpc-js';
import type { Tracer } from '@opentelemetry/api';
import { tracingInterceptor } from './interceptors/tracing.interceptor';
import { HealthImplementation } from 'grpc-health-check';
import { Container } from 'inversify';
import { Logger } from '../../application/shared/logger';
import { TenantDirectory } from '../../application/tenant/tenant-directory';
import { TenantSchemaGate } from '../../application/tenant/tenant-schema-gate';
import { TOKENS } from '../../di/tokens';
import { AuditServiceService } from '../../gen/proto/userservice/v1/audit_service';
import { AuthServiceService } from '../../gen/proto/userservice/v1/auth_service';
import { TenantServiceService } from '../../gen/proto/userservice/v1/tenant_service';
import { UserServiceService } from '../../gen/proto/userservice/v1/user_service';
import { AccessTokenVerifier } from '../../domain/auth/access-token-verifier';
import { accessPolicyCheck } from './interceptors/access-policy.check';
import { accountCheck } from './interceptors/account.check';
import { peopleOnlyCheck, serviceAccountCheck } from './interceptors/service-account.check';
import { ServiceAccountReader } from '../../application/service-account/service-account-reader';
import { ServiceAccountServiceService } from '../../gen/proto/userservice/v1/service_account_service';
import { ServiceAccountGrpcService } from './services/service-account.grpc-service';
import { PlatformAdminServiceService } from '../../gen/proto/userservice/v1/platform_admin_service';
import { PlatformAdminGrpcService } from './services/platform-admin.grpc-service';
import { PlatformAdminReader } from '../../application/platform-admin/platform-admin-reader';
import { UserReader } from '../../application/user/user-reader';
import { authenticationCheck } from './interceptors/authentication.check';
import { CallObserver } from './call-observer';
import { foreignServicesInterceptor } from './interceptors/foreign-services.interceptor';
import { CallPipeline } from './unary';
import { tenantCheck } from './interceptors/tenant.check';
import { revokedSessionCheck } from './interceptors/revoked-session.check';
import { RevokedSessions } from '../../application/auth/revoked-sessions';
import { loadAccessPolicies } from './policy/access-policies';
import { bindService } from './typed-methods';
import { addReflectionService } from './reflection/reflection.service';
import { withEncodedResponses } from './encoded-responses';
import { withUndecodableRequests } from './undecodable-request';
import { AuditGrpcService } from './services/audit.grpc-service';
import { AuthGrpcService } from './services/auth.grpc-service';
import { TenantGrpcService } from './services/tenant.grpc-service';
import { UserGrpcService } from './services/user.grpc-service';

export const SERVICE_NAMES = [
  'userservice.v1.AuthService',
  'userservice.v1.UserService',
  'userservice.v1.TenantService',
  'userservice.v1.AuditService',
  'userservice.v1.ServiceAccountService',
  'userservice.v1.PlatformAdminService',
];

/** Largest request message accepted (1 MiB): no request of ours comes near it. */
export const MAX_RECEIVE_MESSAGE_BYTES = 1024 * 1024;

export interface GrpcServer {
  server: Server;
  health: HealthImplementation;
}

/**
 * The grpc-js server: our services, plus health and reflection. A call of ours goes through `unary()`
 * alone (request id, metadata cap, then the checks in this order: authentication → role policy → people only →
 * tenant → account still active → service account still active → session not revoked, then the method, the answer, its log line and metrics). Health and reflection get
 * the request id, cap, log line and metrics from one interceptor that lets calls of ours pass untouched;
 * tracing, when configured, is an interceptor in front of both.
 */
export function createGrpcServer(container: Container, descriptorSet: Uint8Array, observe: CallObserver, tracer?: Tracer): GrpcServer {
  const logger = container.get<Logger>(TOKENS.Logger);
  const policies = loadAccessPolicies(descriptorSet, 'userservice.v1');
  const server = new Server({
    'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_BYTES,
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
    interceptors: [...(tracer ? [tracingInterceptor(tracer)] : []), foreignServicesInterceptor(new Set(policies.keys()), logger, observe)],
  });
  const pipeline: CallPipeline = {
    logger,
    observe,
    checks: [
      authenticationCheck(container.get<AccessTokenVerifier>(TOKENS.AccessTokenVerifier)),
      accessPolicyCheck(),
      peopleOnlyCheck(),
      tenantCheck(container.get<TenantDirectory>(TOKENS.TenantDirectory), container.get(TenantSchemaGate)),
      accountCheck(container.get<UserReader>(TOKENS.UserReader), container.get<PlatformAdminReader>(TOKENS.PlatformAdminReader)),
      serviceAccountCheck(container.get<ServiceAccountReader>(TOKENS.ServiceAccountReader)),
      revokedSessionCheck(container.get<RevokedSessions>(TOKENS.RevokedSessions)),
    ],
  };
  // A request our decoders refuse reaches the handler's unary() and is answered INVALID_ARGUMENT there.
  const tolerant = <T extends ServiceDefinition>(definition: T) => withEncodedResponses(withUndecodableRequests(definition, descriptorSet));
  const services = [
    [AuthServiceService, container.get(AuthGrpcService).implementation()],
    [UserServiceService, container.get(UserGrpcService).implementation()],
    [TenantServiceService, container.get(TenantGrpcService).implementation()],
    [AuditServiceService, container.get(AuditGrpcService).implementation()],
    [ServiceAccountServiceService, container.get(ServiceAccountGrpcService).implementation()],
    [PlatformAdminServiceService, container.get(PlatformAdminGrpcService).implementation()],
  ] as const;
  for (const [definition, implementation] of services) {
    // Each method gets the principal and tenant its type promises, or the server does not start.
    bindService(definition, implementation, policies, pipeline);
    server.addService(tolerant(definition), implementation);
  }

  const health = new HealthImplementation({ '': 'NOT_SERVING', ...Object.fromEntries(SERVICE_NAMES.map((n) => [n, 'NOT_SERVING'])) });
  health.addToServer(server);
  addReflectionService(server, descriptorSet, SERVICE_NAMES);
  return { server, health };
}

export function bindGrpcServer(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => (error ? reject(error) : resolve(boundPort))),
  );
}
