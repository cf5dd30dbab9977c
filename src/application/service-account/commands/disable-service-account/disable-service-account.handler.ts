import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccount, serviceAccountNotFound } from '../../../../domain/service-account/service-account';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { manageable, parseId, serviceAccountScope, withServiceAccounts } from '../../service-account-scope';
import { DisableServiceAccountCommand } from './disable-service-account.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** Its tokens stop at the next call's service-account check (the cache entry is dropped at commit). */
@injectable()
export class DisableServiceAccountHandler implements MessageHandler<DisableServiceAccountCommand> {
  constructor(@inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork) {}

  async execute(command: DisableServiceAccountCommand, origin: RequestOrigin): Promise<ServiceAccount> {
    const scope = serviceAccountScope(command.actor, command.tenant);
    const id = parseId(command.serviceAccountId, 'service_account_id', 'service account');
    return withServiceAccounts(this.units, scope, origin, async (accounts) => {
      const account = await manageable(accounts, id, command.actor);
      account.disable();
      if (!(await accounts.save(account))) throw serviceAccountNotFound(id);
      return account;
    });
  }
}
