import { ServiceError } from '@grpc/grpc-js';
import { BadRequest, ErrorInfo } from '../../src/gen/proto/google/rpc/error_details';
import { Status } from '../../src/gen/proto/google/rpc/status';

/** Decodes `grpc-status-details-bin` the way a client library does: ErrorInfo reason and field violations. */
export function statusDetails(error: ServiceError): { reason?: string; domain?: string; violations: Array<{ field: string; description: string }> } {
  const raw = error.metadata?.get('grpc-status-details-bin')[0];
  if (!raw) return { violations: [] };
  const status = Status.decode(raw as Buffer);
  const info = status.details.find((d) => d.typeUrl.endsWith('google.rpc.ErrorInfo'));
  const badRequest = status.details.find((d) => d.typeUrl.endsWith('google.rpc.BadRequest'));
  const decodedInfo = info ? ErrorInfo.decode(info.value) : undefined;
  return {
    reason: decodedInfo?.reason,
    domain: decodedInfo?.domain,
    violations: badRequest ? BadRequest.decode(badRequest.value).fieldViolations.map((v) => ({ field: v.field, description: v.description })) : [],
  };
}
