import net from 'node:net';

/**
 * A free TCP port on the loopback interface (the OS picks it; the listener is closed at once). Another
 * process can take it before the caller binds it: callers that start a server on it retry with a new one.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
