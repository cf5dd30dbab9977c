import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccount, serviceAccountNotFound } from '../../../../domain/service-account/service-account';
import { ServiceAccountRepository } from '../../../../domain/service-account/service-account-repository';
import { MessageHandler } from '../../../shared/message';
import { parseId, serviceAccountScope } from '../../service-account-scope';
import { GetServiceAccountQuery } from './get-service-account.query';

@injectable()
export class GetServiceAccountHandler implements MessageHandler<GetServiceAccountQuery> {
  constructor(@inject(TOKENS.ServiceAccountRepository) private readonly accounts: ServiceAccountRepository) {}

  async execute(query: GetServiceAccountQuery): Promise<ServiceAccount> {
    const scope = serviceAccountScope(query.actor, query.tenant);
    const id = parseId(query.serviceAccountId, 'service_account_id', 'service account');
    const account = await this.accounts.findById(scope, id);
    if (!account) throw serviceAccountNotFound(id);
    return account;
  }
}
