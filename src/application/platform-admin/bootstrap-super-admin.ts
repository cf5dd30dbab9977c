import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { PasswordHasher } from '../../domain/auth/password-hasher';
import { Email } from '../../domain/shared/email';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import { PlatformAdminRepository } from '../../domain/platform-admin/platform-admin';
import { Logger } from '../shared/logger';

/**
 * Creates the configured super-admin at first start so an operator can log in and create tenants.
 * Idempotent: an existing admin with that email is left as it is (its password is not reset).
 */
@injectable()
export class BootstrapSuperAdmin {
  constructor(
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async run(rawEmail: string, password: string): Promise<void> {
    const email = Email.parse(rawEmail);
    if (await this.admins.findByEmail(email)) return;
    const created = await this.admins.createIfAbsent({
      id: uuidV7(),
      email: email.value,
      emailNormalized: email.normalized,
      name: 'Platform administrator',
      passwordHash: await this.hasher.hash(password),
    });
    if (created) this.logger.info({ email: email.value }, 'bootstrapped platform super-admin');
  }
}
