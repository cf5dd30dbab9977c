import { rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Metadata } from '@grpc/grpc-js';
import { eventually } from '../support/eventually';
import { connect } from '../support/grpc-clients';
import { startServiceProcess, ServiceProcess } from '../support/service-process';
import { dropAll } from '../support/test-app';
import { TEST_SERVER_URL, uniqueName } from '../support/test-database';

// The OTLP exporter loads `http` with a dynamic import, which Jest's module system cannot run, so this test
// runs the built service as its own process, as in production.
let collector: Server;
const received: string[] = [];
let service: ServiceProcess;
const master = uniqueName('us_trace');

beforeAll(async () => {
  // A stand-in OTLP/HTTP collector that records what the service exports.
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') received.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  service = await startServiceProcess({
    DATABASE_URL: `${TEST_SERVER_URL}/${master}`,
    DATA_DIR: `/tmp/${master}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
  });
});
afterAll(async () => {
  await service?.stop();
  await new Promise((resolve) => collector.close(resolve));
  await dropAll(master);
  rmSync(`/tmp/${master}`, { recursive: true, force: true });
});

test('with OTEL_EXPORTER_OTLP_ENDPOINT set, each call is a server span, child of the caller’s traceparent', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const metadata = new Metadata();
  metadata.set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`);
  const clients = connect(service.address);
  await clients.auth.getJwks({}, metadata);
  clients.close();
  await eventually(async () => {
    const all = received.join('\n');
    expect(all).toContain('userservice.v1.AuthService/GetJwks');
    expect(all).toContain(traceId);
    expect(all).toContain('rpc.system');
  });
});
