"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.addReflectionService = addReflectionService;
const grpc = __importStar(require("@grpc/grpc-js"));
const reflection_1 = require("../../../gen/proto/grpc/reflection/v1/reflection");
const reflection_2 = require("../../../gen/proto/grpc/reflection/v1alpha/reflection");
const descriptor_set_1 = require("./descriptor-set");
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
function addReflectionService(server, descriptorSet, serviceNames) {
    const descriptors = (0, descriptor_set_1.loadDescriptorSet)(descriptorSet);
    const services = [...serviceNames, ...INFRASTRUCTURE_SERVICES].map((name) => ({ name }));
    const serverReflectionInfo = (call) => {
        call.on('data', (request) => call.write({ validHost: request.host, originalRequest: request, messageResponse: answer(request) }));
        call.on('end', () => call.end());
    };
    server.addService(reflection_1.ServerReflectionService, { serverReflectionInfo });
    server.addService(reflection_2.ServerReflectionService, { serverReflectionInfo });
    function answer({ messageRequest: r }) {
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
                if (!numbers)
                    return error(grpc.status.NOT_FOUND, `type ${r.value} not found`);
                return { $case: 'allExtensionNumbersResponse', value: { baseTypeName: r.value, extensionNumber: numbers } };
            }
            default:
                return error(grpc.status.INVALID_ARGUMENT, 'no message_request set');
        }
    }
}
function files(found, what) {
    if (!found)
        return error(grpc.status.NOT_FOUND, `${what} not found`);
    return { $case: 'fileDescriptorResponse', value: { fileDescriptorProto: found.map((b) => Buffer.from(b)) } };
}
function error(code, message) {
    return { $case: 'errorResponse', value: { errorCode: code, errorMessage: message } };
}
//# sourceMappingURL=reflection.service.js.map