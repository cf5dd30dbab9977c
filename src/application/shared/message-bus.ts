import { Command, MessageHandler, Query, ResultOf } from './message';
import { RequestOrigin } from '../../domain/shared/request-origin';

type MessageClass = abstract new (...args: never[]) => Command<unknown> | Query<unknown>;
export type HandlerClass = new (...args: any[]) => MessageHandler<any>;

/** Resolves a handler class to an instance (the DI container's `get`). */
export type HandlerResolver = (handler: HandlerClass) => MessageHandler<Command<unknown> | Query<unknown>>;

/**
 * Dispatches each command or query to the one handler registered for its class. Handlers are resolved
 * from the container, so they get their dependencies injected; registration happens in the DI modules.
 */
export class MessageBus {
  private readonly handlers = new Map<MessageClass, HandlerClass>();

  constructor(private readonly resolve: HandlerResolver) {}

  register(message: MessageClass, handler: HandlerClass): void {
    if (this.handlers.has(message)) throw new Error(`a handler for ${message.name} is already registered`);
    this.handlers.set(message, handler);
  }

  /** Runs `message`'s handler on behalf of `origin` (NO_ORIGIN for the service's own work). */
  execute<M extends Command<unknown> | Query<unknown>>(message: M, origin: RequestOrigin): Promise<ResultOf<M>> {
    const handler = this.handlers.get(message.constructor as MessageClass);
    if (!handler) throw new Error(`no handler registered for ${message.constructor.name}`);
    return this.resolve(handler).execute(message, origin) as Promise<ResultOf<M>>;
  }
}
