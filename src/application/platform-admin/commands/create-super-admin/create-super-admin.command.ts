import { SuperAdmin } from '../../../../domain/platform-admin/platform-admin';
import { Command } from '../../../shared/message';

/** Creates a platform super-admin (ALREADY_EXISTS when the email is taken). */
export class CreateSuperAdminCommand extends Command<SuperAdmin> {
  constructor(
    readonly email: string,
    readonly name: string,
    readonly password: string,
  ) {
    super();
  }
}
