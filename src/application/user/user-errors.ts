import { DomainError } from '../../domain/shared/domain-error';

/** The caller's own account is gone (deleted or disabled since the token was issued). */
export function callerNotFound(): DomainError {
  return DomainError.unauthenticated('USER_INACTIVE', 'the account of this access token no longer exists or is disabled');
}

export function userNotFound(id: string): DomainError {
  return DomainError.notFound('USER_NOT_FOUND', `user '${id}' does not exist`);
}
