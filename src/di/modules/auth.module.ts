import { ContainerModule } from 'inversify';
import { LoginCommand } from '../../application/auth/commands/login/login.command';
import { LoginHandler } from '../../application/auth/commands/login/login.handler';
import { BootstrapSuperAdmin } from '../../application/platform-admin/bootstrap-super-admin';
import { HandlerRegistration } from '../handler-registry';

export const authHandlers: HandlerRegistration[] = [[LoginCommand, LoginHandler]];

export const authModule = new ContainerModule(({ bind }) => {
  bind(BootstrapSuperAdmin).toSelf().inSingletonScope();
});
