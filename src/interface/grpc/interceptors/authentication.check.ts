import { DomainError } from '../../../domain/shared/domain-error';
import { AccessTokenVerifier } from '../../../domain/auth/access-token-verifier';
import { CallCheck } from './checking-interceptor';

const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;

/** Verifies the access token of every non-public call and records the caller as the call's principal. */
export function authenticationCheck(verifier: AccessTokenVerifier): CallCheck {
  return (context, metadata) => {
    if (context.policy.public) return;
    const values = metadata.get('authorization');
    if (values.length === 0) {
      throw DomainError.of('TOKEN_MISSING', 'this method needs an access token: send "authorization: Bearer <token>"');
    }
    const match = values.length === 1 && typeof values[0] === 'string' ? BEARER.exec(values[0]) : null;
    if (!match) throw DomainError.of('TOKEN_MALFORMED', 'send exactly one "authorization: Bearer <token>" header');
    context.principal = verifier.verify(match[1]);
  };
}
