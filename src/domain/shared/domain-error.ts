/**
 * The one error type domain and application code throws. `kind` says what went wrong in terms a caller
 * can act on (the gRPC layer maps it to a status code); `reason` is a stable UPPER_SNAKE identifier for
 * machines; `message` is safe to show to the caller and never contains secrets, SQL or other tenants' data.
 */
export type ErrorKind =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED';

/** One invalid request field, named by its proto path (e.g. `tenant.slug`). */
export interface FieldViolation {
  field: string;
  description: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly reason: string,
    message: string,
    readonly violations: readonly FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(violations: FieldViolation[]): DomainError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new DomainError('INVALID_ARGUMENT', 'INVALID_ARGUMENT', `invalid request: ${summary}`, violations);
  }

  static notFound(reason: string, message: string): DomainError {
    return new DomainError('NOT_FOUND', reason, message);
  }

  static alreadyExists(reason: string, message: string): DomainError {
    return new DomainError('ALREADY_EXISTS', reason, message);
  }

  static failedPrecondition(reason: string, message: string): DomainError {
    return new DomainError('FAILED_PRECONDITION', reason, message);
  }

  static unauthenticated(reason: string, message: string): DomainError {
    return new DomainError('UNAUTHENTICATED', reason, message);
  }

  static permissionDenied(reason: string, message: string): DomainError {
    return new DomainError('PERMISSION_DENIED', reason, message);
  }

  static unavailable(reason: string, message: string): DomainError {
    return new DomainError('UNAVAILABLE', reason, message);
  }
}
