"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.grpcModule = void 0;
const inversify_1 = require("inversify");
const auth_grpc_service_1 = require("../../interface/grpc/services/auth.grpc-service");
const tenant_grpc_service_1 = require("../../interface/grpc/services/tenant.grpc-service");
const user_grpc_service_1 = require("../../interface/grpc/services/user.grpc-service");
/** The gRPC service implementations (translation only). */
exports.grpcModule = new inversify_1.ContainerModule(({ bind }) => {
    bind(auth_grpc_service_1.AuthGrpcService).toSelf().inSingletonScope();
    bind(user_grpc_service_1.UserGrpcService).toSelf().inSingletonScope();
    bind(tenant_grpc_service_1.TenantGrpcService).toSelf().inSingletonScope();
});
//# sourceMappingURL=grpc.module.js.map