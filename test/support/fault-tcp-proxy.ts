import net from 'node:net';

type Mode = 'forward' | 'refuse' | 'blackhole';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

/**
 * A TCP proxy in front of a server (here PostgreSQL), so that a test can make that server unreachable
 * for the app alone:
 * - `refuse()`: every open connection is cut and new ones are closed at once (a server that went down);
 * - `blackhole()`: connections stay open but nothing passes either way, and new ones are accepted and
 *   never answered (a network partition or a hung server: the caller only learns by timing out);
 * - `restore()`: traffic flows again (held connections resume where they stopped).
 */
export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private readonly held = new Set<net.Socket>();
  private mode: Mode = 'forward';

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<FaultProxy> {
    let proxy: FaultProxy | undefined;
    const server = net.createServer((client) => proxy!.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy(server, (server.address() as net.AddressInfo).port, { host: targetHost, port: targetPort });
    return proxy;
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    if (this.mode === 'blackhole') {
      this.held.add(client);
      client.on('close', () => this.held.delete(client));
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on('error', () => undefined);
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.on('close', () => {
      upstream.destroy();
      this.pairs.delete(pair);
    });
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  refuse(): void {
    this.mode = 'refuse';
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    for (const socket of this.held) socket.destroy();
  }

  blackhole(): void {
    this.mode = 'blackhole';
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  restore(): void {
    const was = this.mode;
    this.mode = 'forward';
    if (was === 'blackhole') {
      for (const { client, upstream } of this.pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
      }
      // Connections accepted while black-holed never reached the server: close them, the client retries.
      for (const socket of this.held) socket.destroy();
    }
  }

  async close(): Promise<void> {
    this.refuse();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
