import { Metadata, ServerUnaryCall, status } from '@grpc/grpc-js';
import { Writable } from 'node:stream';
import { Logger } from '../../../src/application/shared/logger';
import { Command, MessageHandler } from '../../../src/application/shared/message';
import { MessageBus } from '../../../src/application/shared/message-bus';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { RequestOrigin } from '../../../src/domain/shared/request-origin';
import { createLogger } from '../../../src/infrastructure/logging/pino-logger';
import { AccessPolicy } from '../../../src/interface/grpc/policy/access-policies';
import { bindUnary, unary } from '../../../src/interface/grpc/unary';

/** A pino logger writing into an array of parsed lines (and the raw text, to see duplicate keys). */
function capturedLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>>; raw: string[] } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('debug', stream);
  return { logger, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Application code: a handler that sees only the origin it is handed, knowing nothing of calls. */
class Greet extends Command<string> {}
class GreetHandler implements MessageHandler<Greet> {
  constructor(private readonly logger: Logger) {}
  async execute(_command: Greet, origin: RequestOrigin): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve)); // after a turn of the event loop, too
    this.logger.info({ requestId: origin.requestId, caller: origin.callerAddress }, 'greeting from the application layer');
    return 'hello';
  }
}

const PUBLIC: AccessPolicy = { method: '/test.Greeter/Greet', public: true, peopleOnly: false, roles: new Set(), tenantScope: 'NONE' };

/** Serves one unary call the way grpc-js does, with `x-request-id` sent; the pipeline logs through `logger`. */
function serve(handler: ReturnType<typeof unary<object, string>>, requestId: string, logger: Logger): Promise<{ code: number; value?: string }> {
  bindUnary(handler, { path: PUBLIC.method, policy: PUBLIC, pipeline: { logger, observe: () => undefined, checks: [] } });
  const metadata = new Metadata();
  metadata.set('x-request-id', requestId);
  const call = { metadata, request: {}, cancelled: false, getPeer: () => 'ipv4:127.0.0.1:1', sendMetadata: () => undefined } as unknown as ServerUnaryCall<object, string>;
  return new Promise((resolve) => handler(call, (error, value) => resolve({ code: error ? (error as { code: number }).code : status.OK, value: value ?? undefined })));
}

test("the handler is handed the call's origin: its request id and caller, call after call", async () => {
  const { logger, lines } = capturedLogger();
  const bus = new MessageBus(() => new GreetHandler(logger) as never);
  bus.register(Greet, GreetHandler);
  const method = unary<object, string>((_request, context) => bus.execute(new Greet(), context));

  await expect(serve(method, 'req-app-1', logger)).resolves.toEqual({ code: status.OK, value: 'hello' });
  await expect(serve(method, 'req-app-2', logger)).resolves.toEqual({ code: status.OK, value: 'hello' });

  const greetings = lines().filter((l) => l.msg === 'greeting from the application layer');
  expect(greetings.map((l) => [l.requestId, l.caller])).toEqual([
    ['req-app-1', 'ipv4:127.0.0.1:1'],
    ['req-app-2', 'ipv4:127.0.0.1:1'],
  ]);
});

test("the call's own lines carry its request id once; a line outside a call carries none", async () => {
  const { logger, lines, raw } = capturedLogger();
  logger.info({}, 'at start-up');
  const refused = unary<object, string>(async () => {
    throw DomainError.of('TENANT_NOT_FOUND', "tenant 'x' does not exist");
  });
  await expect(serve(refused, 'req-refused', logger)).resolves.toMatchObject({ code: status.NOT_FOUND });
  await serve(unary<object, string>(async () => 'ok'), 'req-ok', logger);

  expect(lines().find((l) => l.msg === 'at start-up')).not.toHaveProperty('requestId');
  expect(lines().filter((l) => l.msg === 'call failed').map((l) => [l.requestId, l.code])).toEqual([['req-refused', 'NOT_FOUND']]);
  expect(lines().filter((l) => l.msg === 'call completed').map((l) => l.requestId)).toEqual(['req-ok']);
  for (const line of raw) expect(line.match(/"requestId":/g)?.length ?? 0).toBeLessThanOrEqual(1);
});
