import { Container } from 'inversify';
import { Command } from '../application/shared/message';
import { HandlerClass, MessageBus } from '../application/shared/message-bus';
import { TOKENS } from './tokens';

type MessageClass = abstract new (...args: never[]) => object;

/** Pairs each command or query class with its handler class. */
export type HandlerRegistration = readonly [MessageClass, HandlerClass];

/** Binds the handlers in the container and registers them on the command or query bus. */
export function registerHandlers(container: Container, registrations: readonly HandlerRegistration[]): void {
  const commands = new MessageBus((handler) => container.get(handler));
  const queries = new MessageBus((handler) => container.get(handler));
  for (const [message, handler] of registrations) {
    container.bind(handler).toSelf().inSingletonScope();
    (message.prototype instanceof Command ? commands : queries).register(message as never, handler);
  }
  container.bind(TOKENS.CommandBus).toConstantValue(commands);
  container.bind(TOKENS.QueryBus).toConstantValue(queries);
}
