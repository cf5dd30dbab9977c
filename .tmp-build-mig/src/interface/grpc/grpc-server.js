"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_METADATA_BYTES = exports.MAX_RECEIVE_MESSAGE_BYTES = exports.SERVICE_NAMES = void 0;
exports.createGrpcServer = createGrpcServer;
exports.bindGrpcServer = bindGrpcServer;
exports.setServing = setServing;
const grpc_js_1 = require("@grpc/grpc-js");
const grpc_health_check_1 = require("grpc-health-check");
const tokens_1 = require("../../di/tokens");
const auth_service_1 = require("../../gen/proto/userservice/v1/auth_service");
const tenant_service_1 = require("../../gen/proto/userservice/v1/tenant_service");
const user_service_1 = require("../../gen/proto/userservice/v1/user_service");
const access_policy_interceptor_1 = require("./interceptors/access-policy.interceptor");
const authentication_interceptor_1 = require("./interceptors/authentication.interceptor");
const call_context_interceptor_1 = require("./interceptors/call-context.interceptor");
const tenant_interceptor_1 = require("./interceptors/tenant.interceptor");
const access_policies_1 = require("./policy/access-policies");
const reflection_service_1 = require("./reflection/reflection.service");
const auth_grpc_service_1 = require("./services/auth.grpc-service");
const tenant_grpc_service_1 = require("./services/tenant.grpc-service");
const user_grpc_service_1 = require("./services/user.grpc-service");
exports.SERVICE_NAMES = ['userservice.v1.AuthService', 'userservice.v1.UserService', 'userservice.v1.TenantService'];
/** Largest request message accepted (1 MiB): no request of ours comes near it. */
exports.MAX_RECEIVE_MESSAGE_BYTES = 1024 * 1024;
/** Largest request metadata accepted (16 KiB): a token and a few headers. */
exports.MAX_METADATA_BYTES = 16 * 1024;
/**
 * The grpc-js server: our three services behind the interceptor chain, plus health and reflection.
 * Interceptor order (the first sees a call first, and a status it sends reaches only those before it):
 * call context and logging → authentication → role policy → tenant.
 */
function createGrpcServer(container, descriptorSet) {
    const logger = container.get(tokens_1.TOKENS.Logger);
    const policies = (0, access_policies_1.loadAccessPolicies)(descriptorSet, 'userservice.v1');
    const server = new grpc_js_1.Server({
        'grpc.max_receive_message_length': exports.MAX_RECEIVE_MESSAGE_BYTES,
        'grpc.max_metadata_size': exports.MAX_METADATA_BYTES,
        'grpc.keepalive_time_ms': 60_000,
        'grpc.keepalive_timeout_ms': 20_000,
        interceptors: [
            (0, call_context_interceptor_1.callContextInterceptor)(policies, logger),
            (0, authentication_interceptor_1.authenticationInterceptor)(container.get(tokens_1.TOKENS.AccessTokenVerifier)),
            (0, access_policy_interceptor_1.accessPolicyInterceptor)(),
            (0, tenant_interceptor_1.tenantInterceptor)(container.get(tokens_1.TOKENS.TenantDirectory)),
        ],
    });
    server.addService(auth_service_1.AuthServiceService, container.get(auth_grpc_service_1.AuthGrpcService).implementation());
    server.addService(user_service_1.UserServiceService, container.get(user_grpc_service_1.UserGrpcService).implementation());
    server.addService(tenant_service_1.TenantServiceService, container.get(tenant_grpc_service_1.TenantGrpcService).implementation());
    const health = new grpc_health_check_1.HealthImplementation({ '': 'NOT_SERVING', ...Object.fromEntries(exports.SERVICE_NAMES.map((n) => [n, 'NOT_SERVING'])) });
    health.addToServer(server);
    (0, reflection_service_1.addReflectionService)(server, descriptorSet, exports.SERVICE_NAMES);
    return { server, health };
}
function bindGrpcServer(server, host, port) {
    return new Promise((resolve, reject) => server.bindAsync(`${host}:${port}`, grpc_js_1.ServerCredentials.createInsecure(), (error, boundPort) => (error ? reject(error) : resolve(boundPort))));
}
function setServing(health, serving) {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    for (const name of ['', ...exports.SERVICE_NAMES])
        health.setStatus(name, status);
}
//# sourceMappingURL=grpc-server.js.map