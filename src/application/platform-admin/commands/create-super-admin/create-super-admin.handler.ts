import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { checkSuperAdminPasswordPolicy, SuperAdmin, superAdminEmailTaken } from '../../../../domain/platform-admin/platform-admin';
import { Email } from '../../../../domain/shared/email';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { CreateSuperAdminCommand } from './create-super-admin.command';

/**
 * The one way a super-admin is made: by a super-admin over the API, by the CLI and by the bootstrap at
 * first start (BootstrapSuperAdmin), so each is in the platform's audit trail (SuperAdminCreated).
 */
@injectable()
export class CreateSuperAdminHandler implements MessageHandler<CreateSuperAdminCommand> {
  constructor(
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: CreateSuperAdminCommand, origin: RequestOrigin): Promise<SuperAdmin> {
    const violations = new FieldViolations();
    const email = violations.capture('email', () => Email.parse(command.email));
    violations.capture('password', () => checkSuperAdminPasswordPolicy(command.password));
    if (command.name.trim() === '') violations.add('name', 'is required');
    violations.throwIfAny();
    const passwordHash = await this.hasher.hash(command.password, origin.signal);
    return this.units.run('platform', origin, async ({ admins }) => {
      // The unique index decides concurrent creates (add); this answers the common case before the insert.
      if (await admins.findByEmail(email!)) throw superAdminEmailTaken();
      const admin = SuperAdmin.create({ id: uuidV7(), email: email!, name: command.name, passwordHash, now: this.clock.now() });
      await admins.add(admin);
      return admin;
    });
  }
}
