import { ChannelCredentials, ChannelOptions, Client, Metadata, ServiceError } from '@grpc/grpc-js';
import { AuditServiceService } from './gen/userservice/v1/audit_service';
import { AuthServiceService } from './gen/userservice/v1/auth_service';
import { ServiceAccountServiceService } from './gen/userservice/v1/service_account_service';
import { TenantServiceService } from './gen/userservice/v1/tenant_service';
import { UserServiceService } from './gen/userservice/v1/user_service';
import { CallHeaders, callMetadata } from './metadata';

type MethodDefinition = { path: string; requestSerialize: (value: any) => Buffer; responseDeserialize: (bytes: Buffer) => any };
type ServiceDefinition = Record<string, MethodDefinition>;

/** Per call: the headers, or your own Metadata, and a deadline. */
export interface CallOptions extends CallHeaders {
  metadata?: Metadata;
  /** Deadline of this call in milliseconds from now; overrides the client's default. */
  deadlineMs?: number;
}

/** A client whose methods take a request and return a promise of the response, typed from the protos. */
export type PromiseClient<D extends ServiceDefinition> = {
  [K in keyof D]: (request: Parameters<D[K]['requestSerialize']>[0], options?: CallOptions) => Promise<ReturnType<D[K]['responseDeserialize']>>;
};

export const SERVICES = {
  auth: AuthServiceService,
  users: UserServiceService,
  tenants: TenantServiceService,
  audit: AuditServiceService,
  serviceAccounts: ServiceAccountServiceService,
} as const;

export type UserServiceClients = { [K in keyof typeof SERVICES]: PromiseClient<(typeof SERVICES)[K]> } & {
  /** The channel's client, for anything else (e.g. waitForReady). */
  readonly channel: Client;
  close(): void;
};

export interface ClientOptions {
  /** Default: insecure (plaintext), as for a sidecar or a cluster-internal address; pass TLS credentials otherwise. */
  credentials?: ChannelCredentials;
  /** Default deadline of every call, in milliseconds (default 10 000; 0 = none). */
  deadlineMs?: number;
  /** Retry reads (Get…, List…) answered UNAVAILABLE, through gRPC's service config (default true). */
  retryReads?: boolean;
  /** Further grpc-js channel options. */
  channelOptions?: ChannelOptions;
}

/** Read methods: safe to retry, since they change nothing. Writes are never retried by the kit. */
export function isReadMethod(name: string): boolean {
  return /^(Get|List)[A-Z]/.test(name);
}

/**
 * gRPC's standard service config (gRFC A6): reads are retried on UNAVAILABLE only, at most 4 attempts with
 * exponential backoff from 100 ms to 1 s; every other method (and status) is never retried.
 */
export function retryServiceConfig(): string {
  const reads = Object.values(SERVICES).flatMap((definition) =>
    Object.values(definition as ServiceDefinition)
      .map((m) => m.path.split('/').filter(Boolean) as [string, string])
      .filter(([, method]) => isReadMethod(method))
      .map(([service, method]) => ({ service, method })),
  );
  return JSON.stringify({
    methodConfig: [
      {
        name: reads,
        retryPolicy: { maxAttempts: 4, initialBackoff: '0.1s', maxBackoff: '1s', backoffMultiplier: 2, retryableStatusCodes: ['UNAVAILABLE'] },
      },
    ],
  });
}

function promiseClient<D extends ServiceDefinition>(client: Client, definition: D, defaultDeadlineMs: number): PromiseClient<D> {
  const methods: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    methods[name] = (request: unknown, options: CallOptions = {}) =>
      new Promise((resolve, reject) => {
        const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          callMetadata(options, options.metadata),
          deadlineMs > 0 ? { deadline: Date.now() + deadlineMs } : {},
          (error: ServiceError | null, response: unknown) => (error ? reject(error) : resolve(response)),
        );
      });
  }
  return methods as PromiseClient<D>;
}

/** Typed promise clients of the five services on one channel to `address` (e.g. `user-service:50051`). */
export function createUserServiceClients(address: string, options: ClientOptions = {}): UserServiceClients {
  const channelOptions: ChannelOptions = { ...options.channelOptions };
  if (options.retryReads !== false) channelOptions['grpc.service_config'] = retryServiceConfig();
  const client = new Client(address, options.credentials ?? ChannelCredentials.createInsecure(), channelOptions);
  const deadlineMs = options.deadlineMs ?? 10_000;
  const clients = Object.fromEntries(Object.entries(SERVICES).map(([key, definition]) => [key, promiseClient(client, definition as ServiceDefinition, deadlineMs)]));
  return { ...(clients as { [K in keyof typeof SERVICES]: PromiseClient<(typeof SERVICES)[K]> }), channel: client, close: () => client.close() };
}
