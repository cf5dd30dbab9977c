import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { PlatformAdminRepository } from '../../domain/platform-admin/platform-admin';
import { DomainError } from '../../domain/shared/domain-error';
import { Email } from '../../domain/shared/email';
import { NO_ORIGIN } from '../../domain/shared/request-origin';
import { Logger } from '../shared/logger';
import { MessageBus } from '../shared/message-bus';
import { CreateSuperAdminCommand } from './commands/create-super-admin/create-super-admin.command';

/**
 * Creates the configured super-admin at first start (and for the CLI's create-super-admin) so an operator
 * can log in and create tenants, through CreateSuperAdmin, so the platform's audit trail has it.
 * Idempotent: an existing admin with that email is left as it is (its password is not reset).
 */
@injectable()
export class BootstrapSuperAdmin {
  constructor(
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async run(rawEmail: string, password: string): Promise<void> {
    const email = Email.parse(rawEmail);
    if (await this.admins.findByEmail(email)) return;
    try {
      await this.commands.execute(new CreateSuperAdminCommand(email.value, 'Platform administrator', password), NO_ORIGIN);
      this.logger.info({ email: email.value }, 'bootstrapped platform super-admin');
    } catch (error) {
      // Another replica starting at the same moment made it: that is the wanted end state.
      if (error instanceof DomainError && error.reason === 'SUPER_ADMIN_ALREADY_EXISTS') return;
      throw error;
    }
  }
}
