import { ChangePasswordCommand } from '../../application/user/commands/change-password/change-password.command';
import { ChangePasswordHandler } from '../../application/user/commands/change-password/change-password.handler';
import { HandlerRegistration } from '../handler-registry';

export const userHandlers: HandlerRegistration[] = [[ChangePasswordCommand, ChangePasswordHandler]];
