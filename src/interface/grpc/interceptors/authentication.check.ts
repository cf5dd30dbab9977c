import { DomainError } from '../../../domain/shared/domain-error';
import { AccessTokenVerifier } from '../../../domain/auth/access-token-verifier';
import { CallCheck } from './call-check';

const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;
const SEND = 'send exactly one "authorization: Bearer <token>" header';

/** Verifies the access token of every non-public call and records the caller as the call's principal. */
export function authenticationCheck(verifier: AccessTokenVerifier): CallCheck {
  return (context, metadata) => {
    if (context.policy.public) return;
    const values = metadata.get('authorization');
    if (values.length === 0) {
      throw DomainError.of('TOKEN_MISSING', 'this method needs an access token: send "authorization: Bearer <token>"');
    }
    const value = values.length === 1 ? values[0] : undefined;
    if (typeof value !== 'string' || !value.startsWith('Bearer ')) throw DomainError.of('TOKEN_MALFORMED', whatIsWrong(values));
    // A token verified before is found by its text (the verifier's cache): the shape is checked only when
    // verification fails, to tell a malformed header from a token that is not ours.
    try {
      context.principal = verifier.verify(value.slice(7));
    } catch (error) {
      if (!BEARER.test(value)) throw DomainError.of('TOKEN_MALFORMED', whatIsWrong(values));
      throw error;
    }
  };
}

/** Why the authorization header(s) of a call cannot carry a token, in words the caller can act on. */
function whatIsWrong(values: Array<string | Buffer>): string {
  if (values.length > 1) return `${values.length} authorization headers were sent; ${SEND}`;
  const value = String(values[0]);
  const scheme = /^(\S*)(\s*)(.*)$/s.exec(value.trim());
  const [word, space, rest] = scheme ? [scheme[1], scheme[2], scheme[3]] : ['', '', ''];
  if (word.toLowerCase() !== 'bearer') {
    // Nothing of the value is echoed: it may be a secret sent by mistake.
    if (/^[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*$/.test(word)) return `the token was sent without the "Bearer " prefix; ${SEND}`;
    return `the authorization header must start with "Bearer " (this one uses another scheme or none); ${SEND}`;
  }
  if (word !== 'Bearer') return `the authorization scheme must be written "Bearer", with a capital B and the rest lower case; ${SEND}`;
  if (rest === '') return `the authorization header has no token after "Bearer"; ${SEND}`;
  if (space !== ' ' || value !== value.trim()) return `the authorization header must be "Bearer", one space, then the token, with no other spaces; ${SEND}`;
  const parts = rest.split('.');
  if (parts.length !== 3) {
    return `the token after "Bearer " is not a JWT: it has ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, a JWT has 3 (header.payload.signature); send the accessToken from Login or RefreshToken`;
  }
  return 'the token after "Bearer " is not a JWT: its parts may hold only base64url characters (A-Z a-z 0-9 - _); send the accessToken from Login or RefreshToken unchanged';
}
