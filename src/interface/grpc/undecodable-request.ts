import { fromBinary, isMessage } from '@bufbuild/protobuf';
import type { DescMessage, Message } from '@bufbuild/protobuf';
import { TimestampSchema } from '@bufbuild/protobuf/wkt';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { DomainError, FieldViolation } from '../../domain/shared/domain-error';
import { descriptorRegistry } from './reflection/descriptor-registry';

const UNDECODABLE = Symbol('undecodable request');
type Undecodable = { [UNDECODABLE]: DomainError };

/** google.protobuf.Timestamp's range in seconds: 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;
const TIMESTAMP_RULE = 'must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

/**
 * A request our generated decoders refuse (a Timestamp whose seconds exceed 2^53, or bytes that are not
 * the message) made grpc-js answer INTERNAL before any handler ran. With these deserializers the call
 * reaches `unary()` instead, which answers INVALID_ARGUMENT naming the field, through the one error channel.
 */
export function withUndecodableRequests<T extends ServiceDefinition>(definition: T, descriptorSet: Uint8Array): T {
  // The registry the access policies and reflection use: the descriptor set is parsed once.
  const registry = descriptorRegistry(descriptorSet);
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const [, serviceName, methodName] = method.path.split('/');
    const input = registry.getService(serviceName)?.methods.find((m) => m.name === methodName)?.input;
    const decode = method.requestDeserialize;
    wrapped[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch {
          return { [UNDECODABLE]: explain(input, bytes) } satisfies Undecodable;
        }
      },
    };
  }
  return wrapped as T;
}

/** The error of a request that could not be decoded, or undefined for a decoded one. */
export function undecodableRequest(request: unknown): DomainError | undefined {
  return typeof request === 'object' && request !== null && UNDECODABLE in request ? (request as Undecodable)[UNDECODABLE] : undefined;
}

function explain(input: DescMessage | undefined, bytes: Buffer): DomainError {
  let violations: FieldViolation[] = [];
  try {
    if (input) violations = timestampViolations(fromBinary(input, bytes), input, '');
  } catch {
    // Not even the schema decodes it: a malformed message.
  }
  return DomainError.invalid(violations.length > 0 ? violations : [{ field: '', description: 'the request message cannot be decoded' }]);
}

/** Every Timestamp field (at any depth) outside the range, by its field path. */
function timestampViolations(message: Message, schema: DescMessage, prefix: string): FieldViolation[] {
  const found: FieldViolation[] = [];
  for (const field of schema.fields) {
    if (field.fieldKind !== 'message') continue;
    const value = (message as unknown as Record<string, unknown>)[field.localName];
    const path = `${prefix}${field.name}`;
    if (!isMessage(value)) continue;
    if (isMessage(value, TimestampSchema)) {
      if (value.seconds < MIN_SECONDS || value.seconds > MAX_SECONDS || value.nanos < 0 || value.nanos > 999_999_999) found.push({ field: path, description: TIMESTAMP_RULE });
    } else {
      found.push(...timestampViolations(value, field.message, `${path}.`));
    }
  }
  return found;
}
