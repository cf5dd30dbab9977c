import { CallOptions, ChannelCredentials, Client, ChannelOptions, Metadata, ServiceError } from '@grpc/grpc-js';

type MethodDefinition = { path: string; requestSerialize: (value: any) => Buffer; responseDeserialize: (bytes: Buffer) => any };

/** The outcome of one call, never thrown: the response, or the error with its status code. */
export type Outcome<R> = { ok: true; value: R; at: number } | { ok: false; error: ServiceError; at: number };

/**
 * A raw grpc-js client for adversarial and fault tests: call options (deadlines), channel options, and a
 * result that records when the answer arrived (performance.now()), so tests can compare the order of
 * answers instead of asserting durations.
 */
export class RawClient {
  readonly client: Client;

  constructor(address: string, options: ChannelOptions = {}) {
    this.client = new Client(address, ChannelCredentials.createInsecure(), options);
  }

  call<D extends MethodDefinition>(method: D, request: Parameters<D['requestSerialize']>[0], metadata = new Metadata(), options: CallOptions = {}): Promise<ReturnType<D['responseDeserialize']>> {
    return new Promise((resolve, reject) =>
      this.client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, metadata, options, (error: ServiceError | null, response?: unknown) =>
        error ? reject(error) : resolve(response as ReturnType<D['responseDeserialize']>),
      ),
    );
  }

  /** Like `call`, but resolves with the outcome and its arrival time. */
  settle<D extends MethodDefinition>(method: D, request: Parameters<D['requestSerialize']>[0], metadata = new Metadata(), options: CallOptions = {}): Promise<Outcome<ReturnType<D['responseDeserialize']>>> {
    return this.call(method, request, metadata, options).then(
      (value) => ({ ok: true as const, value, at: performance.now() }),
      (error: ServiceError) => ({ ok: false as const, error, at: performance.now() }),
    );
  }

  close(): void {
    this.client.close();
  }
}

/** A deadline `ms` from now. */
export const deadlineIn = (ms: number): CallOptions => ({ deadline: new Date(Date.now() + ms) });
