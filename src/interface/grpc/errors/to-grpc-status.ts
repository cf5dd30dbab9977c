import { Metadata, status, StatusObject } from '@grpc/grpc-js';
import { DomainError } from '../../../domain/shared/domain-error';
import { codeOf, ErrorCode, ErrorReason } from '../../../domain/shared/error-reasons';
import { Logger } from '../../../application/shared/logger';
import { BadRequest, ErrorInfo } from '../../../gen/proto/google/rpc/error_details';
import { Status } from '../../../gen/proto/google/rpc/status';
import { isUnavailableError } from './unavailable-errors';

/** Domain of our ErrorInfo details (AIP-193). */
export const ERROR_DOMAIN = 'userservice.v1';

const CODES: Record<ErrorCode, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  INTERNAL: status.INTERNAL,
};

/**
 * The one place a gRPC status is built from an error, with the code the reason catalog
 * (domain/shared/error-reasons.ts) gives its reason. A DomainError keeps its message and gets a
 * `google.rpc.Status` in `grpc-status-details-bin` with ErrorInfo (reason) and, for validation,
 * BadRequest field violations. An unreachable database becomes UNAVAILABLE. Anything else becomes INTERNAL
 * with only the request id: the error itself (stack, SQL) goes to the log, never to the caller.
 */
export function toGrpcStatus(error: unknown, requestId: string, logger: Logger): StatusObject {
  if (error instanceof DomainError) return build(error.reason, error.message, error.violations);
  if (isUnavailableError(error)) {
    logger.warn({ err: error, requestId }, 'dependency unavailable');
    return build('DEPENDENCY_UNAVAILABLE', 'a backing service is unavailable; retry with backoff', []);
  }
  logger.error({ err: error, requestId }, 'unexpected error');
  return build('INTERNAL', `internal error (request id ${requestId})`, []);
}

/** The status for `reason`: its one code from the catalog (error-reasons.ts), the message and the details. */
function build(reason: ErrorReason, message: string, violations: DomainError['violations']): StatusObject {
  const code = CODES[codeOf(reason)];
  const details = [
    {
      typeUrl: 'type.googleapis.com/google.rpc.ErrorInfo',
      value: Buffer.from(ErrorInfo.encode({ reason, domain: ERROR_DOMAIN, metadata: {} }).finish()),
    },
  ];
  if (violations.length > 0) {
    details.push({
      typeUrl: 'type.googleapis.com/google.rpc.BadRequest',
      value: Buffer.from(
        BadRequest.encode({
          fieldViolations: violations.map((v) => ({ field: v.field, description: v.description, reason: '', localizedMessage: undefined })),
        }).finish(),
      ),
    });
  }
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(Status.encode({ code, message, details }).finish()));
  return { code, details: message, metadata };
}
