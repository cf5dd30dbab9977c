import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccount } from '../../../../domain/service-account/service-account';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { serviceAccountScope, withServiceAccounts } from '../../service-account-scope';
import { CreateServiceAccountCommand } from './create-service-account.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class CreateServiceAccountHandler implements MessageHandler<CreateServiceAccountCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: CreateServiceAccountCommand, origin: RequestOrigin): Promise<ServiceAccount> {
    const scope = serviceAccountScope(command.actor, command.tenant);
    const account = ServiceAccount.create({
      id: uuidV7(),
      name: command.name,
      description: command.description,
      role: command.role,
      platform: scope === 'platform',
      actor: command.actor,
      now: this.clock.now(),
    });
    await withServiceAccounts(this.units, scope, origin, (accounts) => accounts.add(account));
    return account;
  }
}
