import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { superAdminNotFound } from '../../../../domain/platform-admin/platform-admin';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { RemoveSuperAdminCommand } from './remove-super-admin.command';

/**
 * One unit: the admin's sessions end (SessionRevoked, whose effect drops the cached revoked-session list) and
 * the row goes (SuperAdminRemoved, whose effect drops the cached admin, so the account check refuses their
 * access tokens on every replica at once). The last-admin rule is decided by the repository under a lock.
 */
@injectable()
export class RemoveSuperAdminHandler implements MessageHandler<RemoveSuperAdminCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RemoveSuperAdminCommand, origin: RequestOrigin): Promise<void> {
    const id = command.superAdminId;
    if (!isUuid(id)) throw superAdminNotFound(id);
    await this.units.run('platform', origin, async ({ admins, sessions }) => {
      const admin = await admins.findById(id);
      if (!admin) throw superAdminNotFound(id);
      await sessions.revokeUserSessions(admin.id, this.clock.now(), 'REVOKED_BY_ADMIN');
      admin.remove();
      if (!(await admins.save(admin))) throw superAdminNotFound(id);
    });
  }
}
