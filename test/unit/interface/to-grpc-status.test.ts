import { status, StatusObject } from '@grpc/grpc-js';
import { DomainError, DomainErrorReason } from '../../../src/domain/shared/domain-error';
import { ERROR_REASONS, ErrorReason } from '../../../src/domain/shared/error-reasons';
import { ErrorInfo } from '../../../src/gen/proto/google/rpc/error_details';
import { Status } from '../../../src/gen/proto/google/rpc/status';
import { ERROR_DOMAIN, toGrpcStatus } from '../../../src/interface/grpc/errors/to-grpc-status';
import { RecordingLogger } from '../support/recording-logger';

function reasonOf(outcome: StatusObject): string | undefined {
  const details = Status.decode(outcome.metadata!.get('grpc-status-details-bin')[0] as Buffer);
  const info = details.details.find((d) => d.typeUrl === 'type.googleapis.com/google.rpc.ErrorInfo');
  const decoded = info && ErrorInfo.decode(info.value);
  expect(decoded?.domain).toBe(ERROR_DOMAIN);
  return decoded?.reason;
}

const domainReasons = (Object.keys(ERROR_REASONS) as ErrorReason[]).filter((r): r is DomainErrorReason => r !== 'INTERNAL');

test.each(domainReasons)('%s answers its one catalogued code, with the reason in ErrorInfo', (reason) => {
  const outcome = toGrpcStatus(DomainError.of(reason, 'a message for the caller'), 'req-1', new RecordingLogger());
  expect(status[outcome.code]).toBe(ERROR_REASONS[reason].code);
  expect(outcome.details).toBe('a message for the caller');
  expect(reasonOf(outcome)).toBe(reason);
});

test('the code comes from the reason, whichever factory built the error: TENANT_NOT_READY is UNAVAILABLE', () => {
  // The tenant entity refuses a status change of a PROVISIONING tenant with failedPrecondition(...) and a call
  // naming it with unavailable(...): one reason, so one code.
  const logger = new RecordingLogger();
  expect(toGrpcStatus(DomainError.failedPrecondition('TENANT_NOT_READY', 'x'), 'r', logger).code).toBe(status.UNAVAILABLE);
  expect(toGrpcStatus(DomainError.unavailable('TENANT_NOT_READY', 'x'), 'r', logger).code).toBe(status.UNAVAILABLE);
  expect(DomainError.failedPrecondition('TENANT_NOT_READY', 'x').kind).toBe('UNAVAILABLE');
});

test('an unreachable database is UNAVAILABLE (DEPENDENCY_UNAVAILABLE), logged as a warning', () => {
  const logger = new RecordingLogger();
  const outcome = toGrpcStatus(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'req-2', logger);
  expect(outcome.code).toBe(status.UNAVAILABLE);
  expect(reasonOf(outcome)).toBe('DEPENDENCY_UNAVAILABLE');
  expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
});

test('anything else is INTERNAL with only the request id; the cause goes to the log', () => {
  const logger = new RecordingLogger();
  const outcome = toGrpcStatus(new Error('relation "users" does not exist at SELECT ...'), 'req-3', logger);
  expect(outcome.code).toBe(status.INTERNAL);
  expect(outcome.details).toBe('internal error (request id req-3)');
  expect(reasonOf(outcome)).toBe('INTERNAL');
  expect(logger.lines).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ requestId: 'req-3' }) })]);
});

test('validation errors carry every field violation', () => {
  const outcome = toGrpcStatus(DomainError.invalid([{ field: 'tenant.slug', description: 'is required' }, { field: 'tenant.display_name', description: 'is required' }]), 'r', new RecordingLogger());
  expect(outcome.code).toBe(status.INVALID_ARGUMENT);
  expect(reasonOf(outcome)).toBe('INVALID_ARGUMENT');
  const details = Status.decode(outcome.metadata!.get('grpc-status-details-bin')[0] as Buffer);
  expect(details.details.map((d) => d.typeUrl)).toEqual(['type.googleapis.com/google.rpc.ErrorInfo', 'type.googleapis.com/google.rpc.BadRequest']);
});
