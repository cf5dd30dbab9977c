// A grpcurl-style client: it knows nothing of the service's messages in advance. It lists services and
// fetches descriptors over server reflection, builds a descriptor pool from those answers alone, and
// calls methods by name with messages built from JSON on that pool.
import { ChannelCredentials, Client, Metadata, ServiceError } from '@grpc/grpc-js';
import {
  create,
  createFileRegistry,
  fromBinary,
  fromJson,
  getOption,
  hasOption,
  toBinary,
  toJson,
  type DescExtension,
  type DescMessage,
  type DescMethod,
  type FileRegistry,
  type JsonValue,
  type Message,
} from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import * as reflection from '../../src/gen/proto/grpc/reflection/v1/reflection';

type ReflectionRequest = NonNullable<reflection.ServerReflectionRequest['messageRequest']>;
type ReflectionResponse = reflection.ServerReflectionResponse['messageResponse'];

/**
 * One `grpc.reflection.v1.ServerReflection/ServerReflectionInfo` stream, kept open for a session as
 * grpcurl does: each request waits for its response (the server answers in order).
 */
export class ReflectionClient {
  private readonly client: reflection.ServerReflectionClient;
  private readonly stream: ReturnType<reflection.ServerReflectionClient['serverReflectionInfo']>;
  private readonly waiting: Array<{ resolve: (response: ReflectionResponse) => void; reject: (error: Error) => void }> = [];

  constructor(address: string) {
    this.client = new reflection.ServerReflectionClient(address, ChannelCredentials.createInsecure());
    this.stream = this.client.serverReflectionInfo();
    this.stream.on('data', (r: reflection.ServerReflectionResponse) => this.waiting.shift()?.resolve(r.messageResponse));
    this.stream.on('error', (e: Error) => this.waiting.splice(0).forEach((w) => w.reject(e)));
    this.stream.on('end', () => this.waiting.splice(0).forEach((w) => w.reject(new Error('reflection stream ended'))));
  }

  ask(messageRequest: ReflectionRequest): Promise<ReflectionResponse> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.stream.write({ host: '', messageRequest });
    });
  }

  /** `list_services`: the fully-qualified names of the services the server offers. */
  async listServices(): Promise<string[]> {
    const response = await this.ask({ $case: 'listServices', value: '' });
    if (response?.$case !== 'listServicesResponse') throw unexpected('list_services', response);
    return response.value.service.map((s) => s.name);
  }

  /** `file_containing_symbol`: the file that declares `symbol`, and whatever else the server sent with it. */
  async fileContainingSymbol(symbol: string): Promise<FileDescriptorProto[]> {
    const response = await this.ask({ $case: 'fileContainingSymbol', value: symbol });
    if (response?.$case !== 'fileDescriptorResponse') throw unexpected(`file_containing_symbol ${symbol}`, response);
    return response.value.fileDescriptorProto.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
  }

  close(): void {
    this.stream.end();
    this.client.close();
  }
}

function unexpected(what: string, response: ReflectionResponse): Error {
  const answer = response?.$case === 'errorResponse' ? `error ${response.value.errorCode}: ${response.value.errorMessage}` : response?.$case;
  return new Error(`reflection ${what} answered ${answer ?? 'nothing'}`);
}

/**
 * A descriptor pool from reflection answers only. Every import of every file must be among `files`
 * (a server must send a file's transitive dependencies with it); a missing one is an error that names it.
 * Files are put in dependency order first: createFileRegistry needs imports before importers, and
 * reflection sends the requested file first.
 */
export function descriptorPool(files: FileDescriptorProto[]): FileRegistry {
  const byName = new Map(files.map((f) => [f.name, f]));
  const ordered = new Set<FileDescriptorProto>();
  const visit = (file: FileDescriptorProto): void => {
    if (ordered.has(file)) return;
    for (const name of file.dependency) {
      const dependency = byName.get(name);
      if (!dependency) throw new Error(`reflection answer lacks ${name}, imported by ${file.name}`);
      visit(dependency);
    }
    ordered.add(file);
  };
  files.forEach(visit);
  return createFileRegistry(create(FileDescriptorSetSchema, { file: [...ordered] }));
}

/** The union of several answers, each file once (by name), for a pool that spans several services. */
export function mergeAnswers(...answers: FileDescriptorProto[][]): FileDescriptorProto[] {
  return [...new Map(answers.flat().map((f) => [f.name, f])).values()];
}

export interface MethodDescription {
  name: string;
  input: DescMessage;
  output: DescMessage;
  /** Every option of the method that an extension in the pool can read, by extension name, as proto JSON. */
  options: Record<string, JsonValue>;
  /** What grpcurl's `describe` prints (option values as JSON rather than text format). */
  text: string;
}

/** grpcurl's `describe pkg.Service.Method`, resolved through `pool` alone. */
export function describeMethod(pool: FileRegistry, qualifiedName: string): MethodDescription {
  const method = findMethod(pool, qualifiedName);
  const options: Record<string, JsonValue> = {};
  for (const extension of methodOptionExtensions(pool)) {
    if (!hasOption(method, extension)) continue;
    const value = getOption(method, extension) as unknown;
    options[extension.typeName] =
      extension.fieldKind === 'message' ? toJson(extension.message, value as Message, { registry: pool }) : (value as JsonValue);
  }
  const optionLines = Object.entries(options).map(([name, value]) => `  option (.${name}) = ${JSON.stringify(value)};`);
  const signature = `rpc ${method.name} ( .${method.input.typeName} ) returns ( .${method.output.typeName} )`;
  const text = optionLines.length > 0 ? `${signature} {\n${optionLines.join('\n')}\n}` : `${signature};`;
  return { name: method.name, input: method.input, output: method.output, options, text };
}

function methodOptionExtensions(pool: FileRegistry): DescExtension[] {
  const extensions: DescExtension[] = [];
  for (const type of pool) if (type.kind === 'extension' && type.extendee.typeName === 'google.protobuf.MethodOptions') extensions.push(type);
  return extensions;
}

/** A method named `pkg.Service/Method` or `pkg.Service.Method`, as grpcurl accepts both. */
export function findMethod(pool: FileRegistry, name: string): DescMethod {
  const separator = name.includes('/') ? name.lastIndexOf('/') : name.lastIndexOf('.');
  const serviceName = name.slice(0, separator);
  const methodName = name.slice(separator + 1);
  const service = pool.getService(serviceName);
  if (!service) throw new Error(`service ${serviceName} is not in the descriptor pool`);
  const method = service.methods.find((m) => m.name === methodName);
  if (!method) throw new Error(`service ${serviceName} has no method ${methodName}`);
  return method;
}

/**
 * Calls unary methods by name, as `grpcurl -d '<json>' host pkg.Service/Method` does: JSON in, JSON out,
 * with the messages built on the pool and bytes on the wire.
 */
export class DynamicClient {
  private readonly client: Client;

  constructor(
    address: string,
    private readonly pool: FileRegistry,
  ) {
    this.client = new Client(address, ChannelCredentials.createInsecure());
  }

  invoke(name: string, request: JsonValue, metadata: Metadata = new Metadata()): Promise<JsonValue> {
    const method = findMethod(this.pool, name);
    if (method.methodKind !== 'unary') throw new Error(`${name} is a ${method.methodKind} method`);
    const bytes = Buffer.from(toBinary(method.input, fromJson(method.input, request, { registry: this.pool })));
    const identity = (buffer: Buffer): Buffer => buffer;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest<Buffer, Buffer>(
        `/${method.parent.typeName}/${method.name}`,
        identity,
        identity,
        bytes,
        metadata,
        { deadline: Date.now() + 30_000 },
        (error: ServiceError | null, response?: Buffer) => {
          if (error) return reject(error);
          try {
            resolve(toJson(method.output, fromBinary(method.output, response ?? Buffer.alloc(0)), { registry: this.pool }));
          } catch (decodeError) {
            reject(decodeError as Error);
          }
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
