// Server reflection as grpcurl uses it: list the services, fetch each one's file with its
// dependencies, and build a descriptor pool from nothing but the answers.
import { readFileSync } from 'fs';
import { join } from 'path';
import * as grpc from '@grpc/grpc-js';
import {
  fromBinary,
  getOption,
  hasOption,
  toJson,
  type DescMethod,
  type FileRegistry,
  type JsonValue,
  type Message,
} from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import * as v1 from '../../src/gen/proto/grpc/reflection/v1/reflection';
import * as v1alpha from '../../src/gen/proto/grpc/reflection/v1alpha/reflection';
import { addReflectionService } from '../../src/interface/grpc/reflection/reflection.service';
import { descriptorPool } from '../support/reflection-client';

const SERVICES = ['userservice.v1.AuthService', 'userservice.v1.UserService', 'userservice.v1.TenantService', 'userservice.v1.ServiceAccountService', 'userservice.v1.PlatformAdminService'];
const descriptorSet = readFileSync(join(__dirname, '../../src/gen/userservice.binpb'));

type Request = v1.ServerReflectionRequest['messageRequest'];
type Response = v1.ServerReflectionResponse['messageResponse'];
type ClientConstructor = typeof v1.ServerReflectionClient | typeof v1alpha.ServerReflectionClient;

/** One reflection stream, as grpcurl keeps open: each request waits for the next response. */
class ReflectionStream {
  private readonly call: grpc.ClientDuplexStream<v1.ServerReflectionRequest, v1.ServerReflectionResponse>;
  private readonly waiting: { resolve: (r: Response) => void; reject: (e: Error) => void }[] = [];

  constructor(client: v1.ServerReflectionClient | v1alpha.ServerReflectionClient) {
    this.call = client.serverReflectionInfo();
    this.call.on('data', (r: v1.ServerReflectionResponse) => this.waiting.shift()?.resolve(r.messageResponse));
    this.call.on('error', (e: Error) => this.waiting.splice(0).forEach((w) => w.reject(e)));
  }

  ask(messageRequest: Request): Promise<Response> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.call.write({ host: '', messageRequest });
    });
  }

  /** The files of a file_descriptor_response, decoded; fails on any other answer. */
  async files(messageRequest: Request) {
    const response = await this.ask(messageRequest);
    if (response?.$case !== 'fileDescriptorResponse') throw new Error(`expected files, got ${JSON.stringify(response)}`);
    return response.value.fileDescriptorProto.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
  }

  end(): void {
    this.call.end();
  }
}

/** An option of `method`, resolved through `pool` alone and printed as proto JSON. */
function optionJson(pool: FileRegistry, method: DescMethod, extensionName: string): JsonValue {
  const extension = pool.getExtension(extensionName);
  if (extension?.fieldKind !== 'message') throw new Error(`${extensionName} is not a message option in the pool`);
  expect(hasOption(method, extension)).toBe(true);
  return toJson(extension.message, getOption(method, extension) as Message);
}

let server: grpc.Server;
let address: string;

beforeAll(async () => {
  server = new grpc.Server();
  addReflectionService(server, descriptorSet, SERVICES);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  address = `127.0.0.1:${port}`;
});

afterAll(() => server.forceShutdown());

describe.each<[string, ClientConstructor]>([
  ['v1', v1.ServerReflectionClient],
  ['v1alpha', v1alpha.ServerReflectionClient],
])('server reflection %s', (_version, Client) => {
  let client: InstanceType<ClientConstructor>;
  let stream: ReflectionStream;

  beforeEach(() => {
    client = new Client(address, grpc.credentials.createInsecure());
    stream = new ReflectionStream(client);
  });

  afterEach(() => {
    stream.end();
    client.close();
  });

  it('lists the application, reflection and health services', async () => {
    const response = await stream.ask({ $case: 'listServices', value: '' });
    if (response?.$case !== 'listServicesResponse') throw new Error(JSON.stringify(response));
    expect(response.value.service.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        ...SERVICES,
        'grpc.reflection.v1.ServerReflection',
        'grpc.reflection.v1alpha.ServerReflection',
        'grpc.health.v1.Health',
      ]),
    );
  });

  it.each(SERVICES)('describes %s from its own answer: methods, messages and options', async (serviceName) => {
    const files = await stream.files({ $case: 'fileContainingSymbol', value: serviceName });
    const pool = descriptorPool(files);
    const service = pool.getService(serviceName);
    if (!service) throw new Error(`${serviceName} not in the pool`);
    expect(service.methods.length).toBeGreaterThan(0);
    for (const method of service.methods) {
      expect(pool.getMessage(method.input.typeName)).toBe(method.input);
      expect(pool.getMessage(method.output.typeName)).toBe(method.output);
      expect(method.input.typeName).toBe(`userservice.v1.${method.name}Request`);
      expect(method.output.typeName).toBe(`userservice.v1.${method.name}Response`);
      expect(Object.keys(optionJson(pool, method, 'google.api.http') as object)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(get|put|post|delete|patch)$/)]),
      );
      expect(optionJson(pool, method, 'userservice.v1.access')).toEqual(
        expect.objectContaining({ tenantScope: expect.stringMatching(/^TENANT_SCOPE_/) }),
      );
    }
  });

  it('keeps option values intact (TenantService.CreateTenant)', async () => {
    const files = await stream.files({ $case: 'fileContainingSymbol', value: 'userservice.v1.TenantService.CreateTenant' });
    const pool = descriptorPool(files);
    const method = pool.getService('userservice.v1.TenantService')!.methods.find((m) => m.name === 'CreateTenant')!;
    expect(optionJson(pool, method, 'google.api.http')).toEqual({ post: '/v1/tenants', body: 'tenant' });
    expect(optionJson(pool, method, 'userservice.v1.access')).toEqual({
      roles: ['ROLE_SUPER_ADMIN'],
      tenantScope: 'TENANT_SCOPE_NONE',
    });
  });

  it('shows people_only on the methods only people may call (UserService.ChangePassword)', async () => {
    const files = await stream.files({ $case: 'fileContainingSymbol', value: 'userservice.v1.UserService.ChangePassword' });
    const pool = descriptorPool(files);
    const method = pool.getService('userservice.v1.UserService')!.methods.find((m) => m.name === 'ChangePassword')!;
    expect(optionJson(pool, method, 'userservice.v1.access')).toEqual({
      roles: ['ROLE_OWNER', 'ROLE_ADMIN', 'ROLE_MEMBER'],
      tenantScope: 'TENANT_SCOPE_REQUIRED',
      peopleOnly: true,
    });
  });

  it('answers file_by_filename with the file first, then its dependencies', async () => {
    const files = await stream.files({ $case: 'fileByFilename', value: 'userservice/v1/access.proto' });
    expect(files.map((f) => f.name)).toEqual(['userservice/v1/access.proto', 'google/protobuf/descriptor.proto']);
  });

  it('answers extension queries', async () => {
    const numbers = await stream.ask({ $case: 'allExtensionNumbersOfType', value: 'google.protobuf.MethodOptions' });
    expect(numbers).toEqual({
      $case: 'allExtensionNumbersResponse',
      value: { baseTypeName: 'google.protobuf.MethodOptions', extensionNumber: expect.arrayContaining([51234, 72295728]) },
    });
    const files = await stream.files({
      $case: 'fileContainingExtension',
      value: { containingType: 'google.protobuf.MethodOptions', extensionNumber: 51234 },
    });
    expect(files[0].name).toBe('userservice/v1/access.proto');
  });

  it.each<[string, Request]>([
    ['symbol', { $case: 'fileContainingSymbol', value: 'userservice.v1.NoSuchService' }],
    ['file', { $case: 'fileByFilename', value: 'no/such.proto' }],
    ['extension', { $case: 'fileContainingExtension', value: { containingType: 'google.protobuf.MethodOptions', extensionNumber: 1 } }],
    ['type', { $case: 'allExtensionNumbersOfType', value: 'userservice.v1.NoSuchMessage' }],
  ])('answers an unknown %s with NOT_FOUND', async (_what, request) => {
    expect(await stream.ask(request)).toEqual({
      $case: 'errorResponse',
      value: { errorCode: grpc.status.NOT_FOUND, errorMessage: expect.any(String) },
    });
  });
});
