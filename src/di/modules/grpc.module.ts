import { ContainerModule } from 'inversify';
import { AuditGrpcService } from '../../interface/grpc/services/audit.grpc-service';
import { AuthGrpcService } from '../../interface/grpc/services/auth.grpc-service';
import { TenantGrpcService } from '../../interface/grpc/services/tenant.grpc-service';
import { ServiceAccountGrpcService } from '../../interface/grpc/services/service-account.grpc-service';
import { UserGrpcService } from '../../interface/grpc/services/user.grpc-service';
import { PlatformAdminGrpcService } from '../../interface/grpc/services/platform-admin.grpc-service';

/** The gRPC service implementations (translation only). */
export const grpcModule = new ContainerModule(({ bind }) => {
  bind(AuthGrpcService).toSelf().inSingletonScope();
  bind(AuditGrpcService).toSelf().inSingletonScope();
  bind(UserGrpcService).toSelf().inSingletonScope();
  bind(TenantGrpcService).toSelf().inSingletonScope();
  bind(ServiceAccountGrpcService).toSelf().inSingletonScope();
  bind(PlatformAdminGrpcService).toSelf().inSingletonScope();
});
