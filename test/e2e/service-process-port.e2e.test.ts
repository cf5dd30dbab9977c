// The tests that run the built service as a process pick its gRPC port just before it starts; another
// process (a parallel suite's connection, a listener) can take that port in between. A start whose port was
// taken is retried on a newly picked port, so such a race never fails a run; a fixed port fails at once,
// with the service's own message.
import net from 'node:net';
import { rmSync } from 'node:fs';
import { freePort } from '../support/free-port';
import { healthCheck, ServiceProcess, startServiceProcess } from '../support/service-process';
import { dropAll } from '../support/test-app';
import { TEST_SERVER_URL, uniqueName } from '../support/test-database';

const master = uniqueName('us_port');
const env = { DATABASE_URL: `${TEST_SERVER_URL}/${master}`, DATA_DIR: `/tmp/${master}` };
let squatter: net.Server;
const squatted = new Set<net.Socket>();
let taken: number;
let service: ServiceProcess | undefined;

beforeAll(async () => {
  // It accepts connections (the health checks made before the first try's process exits) and holds them.
  squatter = net.createServer((socket) => {
    squatted.add(socket);
    socket.on('close', () => squatted.delete(socket));
  });
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  taken = (squatter.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await service?.stop();
  for (const socket of squatted) socket.destroy();
  await new Promise((resolve) => squatter.close(resolve));
  await dropAll(master);
  rmSync(`/tmp/${master}`, { recursive: true, force: true });
});

test('a picked port that another program holds is given up for the next one picked, and the service serves there', async () => {
  const offered: number[] = [];
  const picker = async () => {
    const port = offered.length === 0 ? taken : await freePort();
    offered.push(port);
    return port;
  };
  service = await startServiceProcess(env, picker);
  expect(offered).toHaveLength(2);
  expect(offered[0]).toBe(taken);
  expect(service.port).toBe(offered[1]);
  expect(service.address).toBe(`127.0.0.1:${offered[1]}`);
  expect(await healthCheck(service.address)).toBe(1);
}, 90_000);

test('a fixed port that another program holds fails the start with the service’s message, without a retry', async () => {
  await expect(startServiceProcess(env, taken)).rejects.toThrow(`127.0.0.1:${taken} is already in use by another program`);
}, 60_000);
