import http2 from 'node:http2';

/**
 * gRPC unary calls over Node's own HTTP/2 client, without grpc-js. The load generator uses this because
 * it costs the client far less CPU per call than a grpc-js client, so one pinned core of load can keep a
 * pinned grpc-js server busy. Health polling uses it too: a fresh session per attempt has none of
 * grpc-js' reconnect back-off, which would distort a start-up time.
 */

/** A prepared call: the request is encoded once and sent as is. */
export interface WireCall {
  path: string;
  headers: Record<string, string>;
  /** The gRPC length-prefixed message (see `grpcFrame`). */
  frame: Buffer;
}

export interface WireResult {
  /** gRPC status code; -1 when the stream failed without one (transport error). */
  code: number;
  /** The response message (without the 5-byte prefix), when `collect` was asked for. */
  message?: Buffer;
}

export function grpcFrame(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

export function connectSession(address: string, timeoutMs = 5_000): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://${address}`);
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error(`HTTP/2 connect to ${address} timed out`));
    }, timeoutMs);
    session.once('connect', () => {
      clearTimeout(timer);
      session.removeListener('error', onError);
      session.on('error', () => undefined); // a later session error surfaces on its streams
      resolve(session);
    });
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    session.once('error', onError);
  });
}

export function unaryCall(session: http2.ClientHttp2Session, call: WireCall, collect = false, timeoutMs = 0): Promise<WireResult> {
  return new Promise((resolve) => {
    let code = -1;
    let chunks: Buffer[] | undefined = collect ? [] : undefined;
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request({
        ':method': 'POST',
        ':path': call.path,
        'content-type': 'application/grpc',
        te: 'trailers',
        ...call.headers,
      });
    } catch {
      resolve({ code: -1 });
      return;
    }
    if (timeoutMs > 0) stream.setTimeout(timeoutMs, () => stream.close(http2.constants.NGHTTP2_CANCEL));
    stream.on('response', (headers) => {
      const status = headers['grpc-status'];
      if (status !== undefined) code = Number(status); // trailers-only response
    });
    stream.on('trailers', (trailers) => {
      const status = trailers['grpc-status'];
      if (status !== undefined) code = Number(status);
    });
    stream.on('data', (chunk: Buffer) => {
      if (chunks) chunks.push(chunk);
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      const body = chunks ? Buffer.concat(chunks) : undefined;
      chunks = undefined;
      resolve({ code, message: body && body.length >= 5 ? body.subarray(5, 5 + body.readUInt32BE(1)) : undefined });
    });
    stream.end(call.frame);
  });
}

export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';

/** grpc.health.v1 status of the whole server ('' service), or why it could not be read. */
export async function healthStatus(address: string, timeoutMs = 1_000): Promise<'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'UNREACHABLE'> {
  let session: http2.ClientHttp2Session | undefined;
  try {
    session = await connectSession(address, timeoutMs);
    const result = await unaryCall(session, { path: HEALTH_CHECK_PATH, headers: {}, frame: grpcFrame(new Uint8Array()) }, true, timeoutMs);
    if (result.code !== 0 || !result.message) return 'UNREACHABLE';
    // HealthCheckResponse { ServingStatus status = 1; } — an empty message means UNKNOWN (0).
    const status = result.message.length >= 2 && result.message[0] === 0x08 ? result.message[1] : 0;
    return status === 1 ? 'SERVING' : status === 2 ? 'NOT_SERVING' : 'UNKNOWN';
  } catch {
    return 'UNREACHABLE';
  } finally {
    session?.destroy();
  }
}
