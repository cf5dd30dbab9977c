import { inject, injectable } from 'inversify';
import { AppConfig } from '../../../../config/config';
import { TOKENS } from '../../../../di/tokens';
import { AccessTokenIssuer, IssuedAccessToken } from '../../../../domain/auth/access-token-issuer';
import { Role } from '../../../../domain/auth/principal';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { ServiceAccountRepository } from '../../../../domain/service-account/service-account-repository';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { hashClientSecret, isClientSecretShaped } from '../../../service-account/client-secret';
import { parseId, withServiceAccounts } from '../../../service-account/service-account-scope';
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from '../../../service-account/client-assertion';
import { accountBusy, accountLocked } from '../../credentials';
import { attemptPassword } from '../../password-attempt';
import { IssueServiceTokenCommand } from './issue-service-token.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** One answer for every failed exchange: it never tells which part was wrong or whether the account exists. */
export function invalidClient(): DomainError {
  return DomainError.unauthenticated('INVALID_CLIENT', 'the client id or client secret is incorrect, or the credential is revoked or expired, or the account is disabled');
}

@injectable()
export class IssueServiceTokenHandler implements MessageHandler<IssueServiceTokenCommand> {
  constructor(
    @inject(TOKENS.ServiceAccountRepository) private readonly accounts: ServiceAccountRepository,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(TOKENS.AccessTokenIssuer) private readonly tokens: AccessTokenIssuer,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Config) private readonly config: AppConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: IssueServiceTokenCommand, origin: RequestOrigin): Promise<IssuedAccessToken> {
    const clientId = parseId(command.clientId, 'client_id', 'service account');
    const useAssertion = command.clientAssertion !== '';
    if (useAssertion && command.clientSecret !== '') throw DomainError.invalid([{ field: 'client_secret', description: 'send either client_secret or client_assertion, not both' }]);
    if (!useAssertion && command.clientSecret === '') throw DomainError.invalid([{ field: 'client_secret', description: 'is required (or send client_assertion)' }]);
    if (useAssertion && command.clientAssertionType !== JWT_BEARER_ASSERTION_TYPE) {
      throw DomainError.invalid([{ field: 'client_assertion_type', description: `must be "${JWT_BEARER_ASSERTION_TYPE}"` }]);
    }
    const scope = command.tenant ?? 'platform';
    // The same atomic failure budget as passwords (password-attempt.ts), keyed by the client id: at most
    // LOGIN_MAX_FAILURES wrong secrets per window are ever evaluated for one account, whatever the concurrency.
    const key = `sa:${command.tenant?.id ?? 'platform'}:${clientId}`;
    const now = this.clock.now();
    const found: { grant?: { role: Role; credentialId: string } } = {};
    const attempt = await attemptPassword(this.attempts, key, async () => {
      if (useAssertion) {
        const account = await this.accounts.findById(scope, clientId);
        const verified = account && verifyClientAssertion(command.clientAssertion, account, this.config.jwt.issuer, now);
        if (!account || !verified) return false;
        // Single use: the jti is recorded (until the assertion expires) before the token is issued.
        if (!(await withServiceAccounts(this.units, scope, origin, (accounts) => accounts.claimAssertion(verified.replayId, verified.expiresAt, now)))) return false;
        found.grant = { role: account.role, credentialId: verified.credential.id };
        return true;
      }
      if (!isClientSecretShaped(command.clientSecret)) return false;
      const match = await this.accounts.findBySecretHash(scope, hashClientSecret(command.clientSecret));
      if (!match || match.account.id !== clientId) return false;
      const credential = match.account.credentials.find((c) => c.id === match.credentialId);
      if (!credential || !match.account.accepts(credential, now)) return false;
      found.grant = { role: match.account.role, credentialId: credential.id };
      return true;
    });
    if (attempt.outcome === 'busy') throw accountBusy();
    if (attempt.outcome !== 'valid' || !found.grant) {
      const lockedFor = attempt.outcome === 'valid' ? 0 : attempt.lockedFor;
      if (lockedFor > 0) throw accountLocked(lockedFor);
      throw invalidClient();
    }
    const { role, credentialId } = found.grant;
    // Last use is bookkeeping: no event, and its own short transaction.
    await withServiceAccounts(this.units, scope, origin, (accounts) => accounts.markUsed(clientId, credentialId, now));
    return this.tokens.issue({ subject: clientId, role, tenantId: command.tenant?.id, kind: 'service_account' }, this.config.jwt.serviceTokenTtlSeconds);
  }
}
