import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccount, serviceAccountNotFound } from '../../../../domain/service-account/service-account';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { manageable, parseId, serviceAccountScope, withServiceAccounts } from '../../service-account-scope';
import { DeleteServiceAccountCommand } from './delete-service-account.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** Credentials go with the row (cascade); tokens stop at the next call's service-account check. */
@injectable()
export class DeleteServiceAccountHandler implements MessageHandler<DeleteServiceAccountCommand> {
  constructor(@inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork) {}

  async execute(command: DeleteServiceAccountCommand, origin: RequestOrigin): Promise<ServiceAccount> {
    const scope = serviceAccountScope(command.actor, command.tenant);
    const id = parseId(command.serviceAccountId, 'service_account_id', 'service account');
    return withServiceAccounts(this.units, scope, origin, async (accounts) => {
      const account = await manageable(accounts, id, command.actor);
      account.remove();
      if (!(await accounts.save(account))) throw serviceAccountNotFound(id);
      return account;
    });
  }
}
