import { Metadata, ServerUnaryCall, status } from '@grpc/grpc-js';
import { Writable } from 'node:stream';
import { Logger } from '../../../src/application/shared/logger';
import { Command, MessageHandler } from '../../../src/application/shared/message';
import { MessageBus } from '../../../src/application/shared/message-bus';
import { outsideAnyRequest } from '../../../src/application/shared/request-origin';
import { createLogger } from '../../../src/infrastructure/logging/pino-logger';
import { bindUnary, unary } from '../../../src/interface/grpc/unary';
import { AccessPolicy } from '../../../src/interface/grpc/policy/access-policies';

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

/** Application code: a handler that logs through the root logger it was given, knowing nothing of calls. */
class Greet extends Command<string> {}
class GreetHandler implements MessageHandler<Greet> {
  constructor(private readonly logger: Logger) {}
  async execute(): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve)); // after a turn of the event loop, too
    this.logger.info({ greeted: true }, 'greeting from the application layer');
    return 'hello';
  }
}

const PUBLIC: AccessPolicy = { method: '/test.Greeter/Greet', public: true, roles: new Set(), tenantScope: 'NONE' };

/** Serves one unary call the way grpc-js does, with `x-request-id` sent; the handler bound to a pipeline logging through `callLogger`. */
function serve(handler: ReturnType<typeof unary<object, string>>, requestId: string, callLogger: Logger): Promise<{ code: number; value?: string }> {
  bindUnary(handler, { path: PUBLIC.method, policy: PUBLIC, pipeline: { logger: callLogger, observe: () => undefined, checks: [] } });
  const metadata = new Metadata();
  metadata.set('x-request-id', requestId);
  const call = { metadata, request: {}, cancelled: false, getPeer: () => 'ipv4:127.0.0.1:1', sendMetadata: () => undefined } as unknown as ServerUnaryCall<object, string>;
  return new Promise((resolve) => handler(call, (error, value) => resolve({ code: error ? (error as { code: number }).code : status.OK, value: value ?? undefined })));
}

test('a line written by application code during a call carries the call\'s request id', async () => {
  const { logger, lines } = capturedLogger();
  const bus = new MessageBus(() => new GreetHandler(logger) as never);
  bus.register(Greet, GreetHandler);
  const method = unary<object, string>(() => bus.execute(new Greet()));

  await expect(serve(method, 'req-app-1', logger.child({ requestId: 'req-app-1' }))).resolves.toEqual({ code: status.OK, value: 'hello' });
  await expect(serve(method, 'req-app-2', logger.child({ requestId: 'req-app-2' }))).resolves.toEqual({ code: status.OK, value: 'hello' });

  expect(lines().filter((l) => l.msg === 'greeting from the application layer').map((l) => l.requestId)).toEqual(['req-app-1', 'req-app-2']);
});

test('outside a call no request id is added, and a logger that binds one does not get it twice', async () => {
  const { logger, lines, raw } = capturedLogger();
  logger.info({}, 'at start-up');
  const method = unary<object, string>(async () => {
    logger.child({ requestId: 'req-bound' }).info({}, 'from the call logger');
    logger.info({ requestId: 'explicit' }, 'names its own');
    return 'ok';
  });
  await serve(method, 'req-bound', logger);

  expect(lines().find((l) => l.msg === 'at start-up')).not.toHaveProperty('requestId');
  expect(lines().find((l) => l.msg === 'names its own')?.requestId).toBe('explicit');
  for (const line of raw) expect(line.match(/"requestId":/g)?.length ?? 0).toBeLessThanOrEqual(1);
});

test('background work a call only wakes (outsideAnyRequest) does not carry its request id', async () => {
  const { logger, lines } = capturedLogger();
  let background!: Promise<void>;
  const method = unary<object, string>(async () => {
    background = outsideAnyRequest(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info({}, 'background');
    });
    logger.info({}, 'in the call');
    return 'ok';
  });
  await serve(method, 'req-wakes', logger.child({}));
  await background;
  // (the pipeline's own 'call completed' debug line aside)
  expect(lines().filter((l) => l.msg !== 'call completed').map((l) => [l.msg, l.requestId])).toEqual([['in the call', 'req-wakes'], ['background', undefined]]);
});
