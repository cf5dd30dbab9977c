import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { serviceAccountNotFound } from '../../../../domain/service-account/service-account';
import { DomainError } from '../../../../domain/shared/domain-error';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { newClientSecret } from '../../client-secret';
import { manageable, parseId, serviceAccountScope, withServiceAccounts } from '../../service-account-scope';
import { CreatedSecret, CreateServiceAccountSecretCommand } from './create-service-account-secret.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** The longest expiry a credential may be given (two years). */
const MAX_EXPIRY_MS = 2 * 366 * 24 * 3600 * 1000;

/** INVALID_ARGUMENT (`expire_time`) unless the expiry is unset, or in the future and at most 2 years ahead. */
export function checkExpiry(expiresAt: Date | undefined, now: Date): void {
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now || expiresAt.getTime() - now.getTime() > MAX_EXPIRY_MS)) {
    throw DomainError.invalid([{ field: 'expire_time', description: 'must be in the future and at most 2 years ahead (or unset: never expires)' }]);
  }
}

@injectable()
export class CreateServiceAccountSecretHandler implements MessageHandler<CreateServiceAccountSecretCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: CreateServiceAccountSecretCommand, origin: RequestOrigin): Promise<CreatedSecret> {
    const scope = serviceAccountScope(command.actor, command.tenant);
    const id = parseId(command.serviceAccountId, 'service_account_id', 'service account');
    const now = this.clock.now();
    const expiresAt = command.expiresAt;
    checkExpiry(expiresAt, now);
    const secret = newClientSecret();
    const credential = { id: uuidV7(), kind: 'SECRET' as const, hint: secret.hint, secretHash: secret.hash, expiresAt, createdAt: now };
    await withServiceAccounts(this.units, scope, origin, async (accounts) => {
      const account = await manageable(accounts, id, command.actor);
      account.addCredential(credential, now);
      if (!(await accounts.save(account))) throw serviceAccountNotFound(id);
    });
    return { credential, clientSecret: secret.value };
  }
}
