// The service lowers V8's helper threads (garbage collection, background compilation) to
// V8_HELPER_THREADS_NICE, 10 by default, and nothing else: the event loop and libuv's pool (where a sign-in's
// RS256 signature is made) stay at the process's priority, and the argon2 workers at 19. Read from outside,
// as an operator would: the nice value of each thread of the running process in /proc/<pid>/task/<tid>/stat
// (Linux, where the service runs).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from '../support/grpc-clients';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { dropAll, SUPERADMIN } from '../support/test-app';
import { TEST_SERVER_URL, uniqueName } from '../support/test-database';

const master = uniqueName('us_nice');
let service: ServiceProcess | undefined;

/** Nice value of every thread of a process, by thread id (field 19 of stat, after the parenthesised name). */
function threadNices(pid: number): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      nices.set(Number(tid), Number(fields[16]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return nices;
}

const count = (nices: Map<number, number>, nice: number) => [...nices.values()].filter((n) => n === nice).length;

async function start(env: Record<string, string> = {}): Promise<ServiceProcess> {
  const env0 = { DATABASE_URL: `${TEST_SERVER_URL}/${master}`, DATA_DIR: `/tmp/${master}`, BOOTSTRAP_SUPERADMIN_EMAIL: SUPERADMIN.email, BOOTSTRAP_SUPERADMIN_PASSWORD: SUPERADMIN.password };
  service = await startServiceProcess({ ...env0, ...env });
  // A sign-in: libuv's pool starts for its signature, an argon2 worker verifies the password.
  const clients = connect(service.address);
  try {
    await clients.auth.login({ email: SUPERADMIN.email, password: SUPERADMIN.password });
  } finally {
    clients.close();
  }
  return service;
}

afterEach(async () => {
  await service?.stop();
  service = undefined;
});
afterAll(async () => {
  await dropAll(master);
  rmSync(`/tmp/${master}`, { recursive: true, force: true });
});

test('by default V8’s helper threads run at nice 10; the event loop and libuv’s pool at 0, the argon2 workers at 19', async () => {
  const { pid } = (await start()).process;
  const nices = threadNices(pid!);
  expect(nices.get(pid!)).toBe(0); // the main thread: the event loop
  expect(count(nices, 10)).toBeGreaterThanOrEqual(4); // V8's platform workers (4 by default) and Node's other start-up threads
  expect(count(nices, 0) - 1).toBeGreaterThanOrEqual(4); // libuv's pool (4 threads by default), started after them
  expect(count(nices, 19)).toBeGreaterThanOrEqual(1); // the argon2 workers lower themselves
  expect(count(nices, 0) + count(nices, 10) + count(nices, 19)).toBe(nices.size);
});

test('V8_HELPER_THREADS_NICE=0 leaves them at the process’s priority', async () => {
  const { pid } = (await start({ V8_HELPER_THREADS_NICE: '0' })).process;
  const nices = threadNices(pid!);
  expect(count(nices, 10)).toBe(0);
  expect(count(nices, 0) + count(nices, 19)).toBe(nices.size);
  expect(count(nices, 0)).toBeGreaterThanOrEqual(9); // the main thread, V8's four workers, libuv's four
});
