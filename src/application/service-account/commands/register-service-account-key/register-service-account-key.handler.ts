import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccountCredential, serviceAccountNotFound } from '../../../../domain/service-account/service-account';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { parsePublicKey } from '../../public-key';
import { manageable, parseId, serviceAccountScope, withServiceAccounts } from '../../service-account-scope';
import { checkExpiry } from '../create-service-account-secret/create-service-account-secret.handler';
import { RegisterServiceAccountKeyCommand } from './register-service-account-key.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RegisterServiceAccountKeyHandler implements MessageHandler<RegisterServiceAccountKeyCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RegisterServiceAccountKeyCommand, origin: RequestOrigin): Promise<ServiceAccountCredential> {
    const scope = serviceAccountScope(command.actor, command.tenant);
    const id = parseId(command.serviceAccountId, 'service_account_id', 'service account');
    const now = this.clock.now();
    checkExpiry(command.expiresAt, now);
    const key = parsePublicKey(command.publicKeyPem);
    const credential: ServiceAccountCredential = { id: uuidV7(), kind: 'KEY', hint: key.hint, publicKeyPem: key.pem, expiresAt: command.expiresAt, createdAt: now };
    await withServiceAccounts(this.units, scope, origin, async (accounts) => {
      const account = await manageable(accounts, id, command.actor);
      account.addCredential(credential, now);
      if (!(await accounts.save(account))) throw serviceAccountNotFound(id);
    });
    return credential;
  }
}
