import { RequestOrigin } from '../../domain/shared/request-origin';

/**
 * A command changes state; a query reads it. Each carries its result type, so `bus.execute(new X(...))`
 * is typed by X alone.
 */
export abstract class Command<R> {
  /** Phantom field: the handler's result type. Never set. */
  declare readonly __result?: R;
}

export abstract class Query<R> {
  /** Phantom field: the handler's result type. Never set. */
  declare readonly __result?: R;
}

export type ResultOf<M> = M extends Command<infer R> ? R : M extends Query<infer R> ? R : never;

/**
 * Handles one command or query class. `origin` is who asked (the gRPC call, or NO_ORIGIN for the service's
 * own work): a handler that writes passes it to the unit of work, which stamps it on the events.
 */
export interface MessageHandler<M extends Command<unknown> | Query<unknown>> {
  execute(message: M, origin: RequestOrigin): Promise<ResultOf<M>>;
}
