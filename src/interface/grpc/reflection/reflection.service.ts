import * as grpc from '@grpc/grpc-js';
import {
  ServerReflectionService as ReflectionV1,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from '../../../gen/proto/grpc/reflection/v1/reflection';
import { ServerReflectionService as ReflectionV1Alpha } from '../../../gen/proto/grpc/reflection/v1alpha/reflection';
import { loadDescriptorSet } from './descriptor-set';

/** Services that every server lists besides its own: both reflection versions and health checking. */
const INFRASTRUCTURE_SERVICES = [
  'grpc.reflection.v1.ServerReflection',
  'grpc.reflection.v1alpha.ServerReflection',
  'grpc.health.v1.Health',
];

/**
 * Registers gRPC server reflection (v1 and v1alpha, whose messages are identical on the wire) on
 * `server`, answering from `descriptorSet`: a FileDescriptorSet that includes every import
 * (`buf build` without `--exclude-imports`). `serviceNames` are the fully-qualified names of the
 * application's services, listed by `list_services`. Throws if the descriptor set is incomplete.
 */
export function addReflectionService(server: grpc.Server, descriptorSet: Uint8Array, serviceNames: string[]): void {
  const descriptors = loadDescriptorSet(descriptorSet);
  const services = [...serviceNames, ...INFRASTRUCTURE_SERVICES].map((name) => ({ name }));
  const serverReflectionInfo = (call: grpc.ServerDuplexStream<ServerReflectionRequest, ServerReflectionResponse>) => {
    call.on('data', (request: ServerReflectionRequest) =>
      call.write({ validHost: request.host, originalRequest: request, messageResponse: answer(request) }),
    );
    call.on('end', () => call.end());
  };
  server.addService(ReflectionV1, { serverReflectionInfo });
  server.addService(ReflectionV1Alpha, { serverReflectionInfo });

  function answer({ messageRequest: r }: ServerReflectionRequest): ServerReflectionResponse['messageResponse'] {
    switch (r?.$case) {
      case 'listServices':
        return { $case: 'listServicesResponse', value: { service: services } };
      case 'fileByFilename':
        return files(descriptors.fileByName(r.value), `file ${r.value}`);
      case 'fileContainingSymbol':
        return files(descriptors.fileContainingSymbol(r.value), `symbol ${r.value}`);
      case 'fileContainingExtension': {
        const { containingType, extensionNumber } = r.value;
        const found = descriptors.fileContainingExtension(containingType, extensionNumber);
        return files(found, `extension ${extensionNumber} of ${containingType}`);
      }
      case 'allExtensionNumbersOfType': {
        const numbers = descriptors.extensionNumbers(r.value);
        if (!numbers) return error(grpc.status.NOT_FOUND, `type ${r.value} not found`);
        return { $case: 'allExtensionNumbersResponse', value: { baseTypeName: r.value, extensionNumber: numbers } };
      }
      default:
        return error(grpc.status.INVALID_ARGUMENT, 'no message_request set');
    }
  }
}

function files(found: Uint8Array[] | undefined, what: string): ServerReflectionResponse['messageResponse'] {
  if (!found) return error(grpc.status.NOT_FOUND, `${what} not found`);
  return { $case: 'fileDescriptorResponse', value: { fileDescriptorProto: found.map((b) => Buffer.from(b)) } };
}

function error(code: grpc.status, message: string): ServerReflectionResponse['messageResponse'] {
  return { $case: 'errorResponse', value: { errorCode: code, errorMessage: message } };
}
