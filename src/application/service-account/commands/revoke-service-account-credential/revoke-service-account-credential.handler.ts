import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccountCredential, serviceAccountNotFound } from '../../../../domain/service-account/service-account';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { manageable, parseId, serviceAccountScope, withServiceAccounts } from '../../service-account-scope';
import { RevokeServiceAccountCredentialCommand } from './revoke-service-account-credential.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RevokeServiceAccountCredentialHandler implements MessageHandler<RevokeServiceAccountCredentialCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RevokeServiceAccountCredentialCommand, origin: RequestOrigin): Promise<ServiceAccountCredential> {
    const scope = serviceAccountScope(command.actor, command.tenant);
    const violations = new FieldViolations();
    const id = violations.capture('service_account_id', () => parseId(command.serviceAccountId, '', 'service account'));
    const credentialId = violations.capture('credential_id', () => parseId(command.credentialId, '', 'credential'));
    violations.throwIfAny();
    return withServiceAccounts(this.units, scope, origin, async (accounts) => {
      const account = await manageable(accounts, id!, command.actor);
      const revoked = account.revokeCredential(credentialId!, this.clock.now());
      if (!(await accounts.save(account))) throw serviceAccountNotFound(id!);
      return revoked;
    });
  }
}
