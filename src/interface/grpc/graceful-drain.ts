import { Http2Server, ServerHttp2Session } from 'node:http2';
import { Server } from '@grpc/grpc-js';
import { Logger } from '../../application/shared/logger';

/** What grpc-js 1.14 keeps of its listeners and their HTTP/2 sessions (private fields, read-only here). */
type Internals = { http2Servers?: Map<Http2Server, { sessions: Set<ServerHttp2Session> }> };

/**
 * Stops a grpc-js server without refusing a call a client sent before the drain began.
 *
 * grpc-js 1.14's `tryShutdown` (and `drain`) send one GOAWAY at once, naming the last stream read: streams
 * still on the wire are refused, and the client's transparent retry meets the closed port (issue 15). The
 * two-step GOAWAY of RFC 9113 §6.8 (grpc-go's GracefulStop) is not possible on Node either: its http2
 * module has no binding for nghttp2's shutdown notice, and after any GOAWAY Node's nghttp2 ignores new
 * streams whatever last-stream id that GOAWAY named (measured: a GOAWAY naming 2^31-1 still lost calls).
 * What we do instead, per connection:
 *
 * 1. Stop listening (new connections are refused).
 * 2. PING, and keep serving every stream that arrives meanwhile.
 * 3. When the PING is answered, every stream the client wrote before it saw the PING has been read (one
 *    TCP stream, frames in order): the GOAWAY sent now (Node's `session.close()`, naming the last stream
 *    read) refuses only streams written after the drain began.
 * 4. Wait for the calls in flight to finish, up to `graceMs`, then cut what is left (`forceShutdown`).
 *
 * Resolves with 'drained' or 'forced'. Falls back to grpc-js's own `tryShutdown` if its internals are not
 * what this version has (test/faults/graceful-shutdown-load.fault.test.ts would then fail).
 */
export function drainGracefully(server: Server, graceMs: number, logger: Logger): Promise<'drained' | 'forced'> {
  const listeners = (server as unknown as Internals).http2Servers;
  const open = new Set<ServerHttp2Session>();
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      logger.warn({ connections: open.size }, 'grace period over: cutting the calls still in flight');
      server.forceShutdown();
      resolve('forced');
    }, graceMs);
    const done = () => {
      clearTimeout(force);
      server.forceShutdown(); // nothing is left to cut: releases grpc-js's own bookkeeping
      resolve('drained');
    };
    if (!(listeners instanceof Map)) {
      logger.warn({}, 'grpc-js internals not recognised: falling back to a one-step GOAWAY (tryShutdown)');
      server.tryShutdown(done);
      return;
    }
    const closed = (session: ServerHttp2Session) => {
      open.delete(session);
      if (open.size === 0) done();
    };
    const drainSession = (session: ServerHttp2Session) => {
      if (session.closed || session.destroyed) return;
      open.add(session);
      session.once('close', () => closed(session));
      const goaway = () => {
        if (!session.closed && !session.destroyed) session.close();
      };
      try {
        if (!session.ping(goaway)) goaway();
      } catch {
        goaway();
      }
    };
    for (const [listener, entry] of listeners) {
      listener.close();
      // A connection accepted just before the listener closed gets the same treatment.
      listener.on('session', drainSession);
      for (const session of entry.sessions) drainSession(session);
    }
    if (open.size === 0) done();
  });
}
