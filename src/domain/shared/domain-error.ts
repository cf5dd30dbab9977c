import { codeOf, ErrorCode, ErrorReason, ReasonWithCode } from './error-reasons';

/**
 * What went wrong, in terms a caller can act on: the gRPC code of the error's reason. INTERNAL is not a
 * domain error's kind; it is what the gRPC layer answers for anything else.
 */
export type ErrorKind = Exclude<ErrorCode, 'INTERNAL'>;

/** The reasons a DomainError may carry: every catalogued reason but INTERNAL. */
export type DomainErrorReason = Exclude<ErrorReason, ReasonWithCode<'INTERNAL'>>;

/** One invalid request field, named by its proto path (e.g. `tenant.slug`). */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * The one error type domain and application code throws. `reason` is a stable UPPER_SNAKE identifier from
 * the catalog (`error-reasons.ts`), which also gives its one gRPC code (`kind`); `message` is safe to show to
 * the caller and never contains secrets, SQL or other tenants' data.
 */
export class DomainError extends Error {
  /** The gRPC code of `reason`, from the catalog. */
  readonly kind: ErrorKind;

  constructor(
    readonly reason: DomainErrorReason,
    message: string,
    readonly violations: readonly FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = codeOf(reason) as ErrorKind;
  }

  /** The error for `reason`; its code is the catalog's. */
  static of(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }

  /** INVALID_ARGUMENT listing every invalid field. */
  static invalid(violations: FieldViolation[]): DomainError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new DomainError('INVALID_ARGUMENT', `invalid request: ${summary}`, violations);
  }

  // The factories below name a code for readability at existing call sites; the code still comes from
  // the catalog, never from the factory's name. New code uses `DomainError.of(reason, message)`.

  /** @deprecated use `DomainError.of`: the code comes from the reason. */
  static notFound(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }

  /** @deprecated use `DomainError.of`: the code comes from the reason. */
  static alreadyExists(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }

  /** @deprecated use `DomainError.of`: the code comes from the reason. */
  static failedPrecondition(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }

  /** @deprecated use `DomainError.of`: the code comes from the reason. */
  static unauthenticated(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }

  /** @deprecated use `DomainError.of`: the code comes from the reason. */
  static permissionDenied(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }

  /** @deprecated use `DomainError.of`: the code comes from the reason. */
  static unavailable(reason: DomainErrorReason, message: string): DomainError {
    return new DomainError(reason, message);
  }
}
