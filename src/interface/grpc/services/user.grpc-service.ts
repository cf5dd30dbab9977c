import { inject, injectable } from 'inversify';
import { MessageBus } from '../../../application/shared/message-bus';
import { ChangePasswordCommand } from '../../../application/user/commands/change-password/change-password.command';
import { TOKENS } from '../../../di/tokens';
import { UserServiceServer } from '../../../gen/proto/userservice/v1/user_service';
import { requiredPrincipal, requiredTenant } from '../call-context';
import { notYetImplemented, unary } from '../unary';

/** UserService: translates requests into user commands and queries, and results back. */
@injectable()
export class UserGrpcService {
  constructor(@inject(TOKENS.CommandBus) private readonly commands: MessageBus) {}

  implementation(): UserServiceServer {
    return {
      getMe: notYetImplemented('GetMe'),
      updateMe: notYetImplemented('UpdateMe'),
      changePassword: unary(async (request, context) => {
        await this.commands.execute(new ChangePasswordCommand(requiredTenant(context), requiredPrincipal(context), request.currentPassword, request.newPassword));
        return {};
      }),
      listUsers: notYetImplemented('ListUsers'),
      getUser: notYetImplemented('GetUser'),
      createUser: notYetImplemented('CreateUser'),
      updateUser: notYetImplemented('UpdateUser'),
      deleteUser: notYetImplemented('DeleteUser'),
    };
  }
}
