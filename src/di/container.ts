import 'reflect-metadata';
import { Container } from 'inversify';
import { registerHandlers } from './handler-registry';
import { authHandlers, authModule } from './modules/auth.module';
import { infrastructureModule, InfrastructureParts } from './modules/infrastructure.module';
import { tenantHandlers, tenantModule } from './modules/tenant.module';
import { userHandlers } from './modules/user.module';
import { serviceAccountHandlers } from './modules/service-account.module';
import { platformAdminHandlers } from './modules/platform-admin.module';

/**
 * The object graph the service and the admin CLI share: adapters, application services and handlers (on
 * the buses). The service loads `grpcModule` (the gRPC service implementations) on top.
 */
export async function buildContainer(parts: InfrastructureParts): Promise<Container> {
  const container = new Container();
  await container.load(infrastructureModule(parts), tenantModule, authModule);
  registerHandlers(container, [...tenantHandlers, ...authHandlers, ...userHandlers, ...serviceAccountHandlers, ...platformAdminHandlers]);
  return container;
}
