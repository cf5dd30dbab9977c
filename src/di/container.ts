import 'reflect-metadata';
import { Container } from 'inversify';
import { registerHandlers } from './handler-registry';
import { authHandlers, authModule } from './modules/auth.module';
import { grpcModule } from './modules/grpc.module';
import { infrastructureModule, InfrastructureParts } from './modules/infrastructure.module';
import { tenantHandlers, tenantModule } from './modules/tenant.module';
import { userHandlers } from './modules/user.module';

/** The service's object graph: adapters, application services, handlers (on the buses) and gRPC services. */
export async function buildContainer(parts: InfrastructureParts): Promise<Container> {
  const container = new Container();
  await container.load(infrastructureModule(parts), tenantModule, authModule, grpcModule);
  registerHandlers(container, [...tenantHandlers, ...authHandlers, ...userHandlers]);
  return container;
}
