import path from 'node:path';
import { SignUpRequest } from '../../src/gen/proto/userservice/v1/auth_service';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { metadata } from '../support/api';
import { BenchContext } from '../support/context';
import { query } from '../support/postgres';
import { startPrivateService, tenantSlug } from '../support/private-service';
import { figure, median, percentile } from '../support/report';

/**
 * Scenario 5: 100 CreateTenant calls back to back (one at a time), each followed by the new tenant's
 * first SignUp (a tenant-scoped call that opens the new database's client and writes to it), with a raw
 * `CREATE DATABASE … TEMPLATE <the service's template>` after every fifth, measured in the same run on
 * the same server. Runs on a private PostgreSQL server on disk, with default durability (fsync on), see
 * support/private-service.ts. Target: CreateTenant p50 under 150 ms.
 */
const TENANTS = 100;
const RAW_EVERY = 5;

export async function runCreateTenant(ctx: BenchContext): Promise<void> {
  const service = await startPrivateService(ctx, 'create', path.join(ctx.tmpDir, 'pg-create'));
  try {
    await measure(ctx, service);
  } finally {
    // Deleting 100 tenant databases' files takes this disk ~40 s: done in the background, during the
    // next scenario's (unmeasured) set-up.
    await service.dispose('background');
  }
}

async function measure(ctx: BenchContext, service: Awaited<ReturnType<typeof startPrivateService>>): Promise<void> {
  ctx.log(`CreateTenant: ${TENANTS} tenants back to back, each with a first SignUp; a raw clone of ${service.template} after every ${RAW_EVERY}th`);
  const createMs: number[] = [];
  const usableMs: number[] = [];
  const rawMs: number[] = [];
  let serviceSeconds = 0;
  const started = performance.now();
  for (let n = 0; n < TENANTS; n++) {
    const i = service.tenants.length;
    const slug = tenantSlug(service, i);
    const t0 = performance.now();
    await service.api.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: `Bench ${slug}` }) }, metadata({ token: service.superToken }));
    const t1 = performance.now();
    const signedUp = await service.api.auth.signUp(SignUpRequest.fromPartial({ email: `user@${slug}.test`, password: 'Tenant user passphrase 1!', name: 'Tenant user' }), metadata({ tenant: slug }));
    const t2 = performance.now();
    service.tenants.push({ slug, token: signedUp.tokens!.accessToken });
    createMs.push(t1 - t0);
    usableMs.push(t2 - t0);
    serviceSeconds += (t2 - t0) / 1000;
    if (n % RAW_EVERY === RAW_EVERY - 1) {
      const r0 = performance.now();
      await query(service.pg.url, `CREATE DATABASE "bench_${ctx.runId}_rawclone_${n}" TEMPLATE "${service.template}"`);
      rawMs.push(performance.now() - r0);
    }
  }
  const createSeconds = createMs.reduce((a, b) => a + b, 0) / 1000;
  ctx.details.createTenant = { server: 'private PostgreSQL 18 on disk, fsync on', rawMs, createMs, usableMs, createSeconds, serviceSeconds, wallSeconds: (performance.now() - started) / 1000 };

  const sc = '5 CreateTenant';
  const one = (v: number) => [v];
  ctx.figures.push(
    figure({ scenario: sc, metric: `CreateTenant p50 (n=${TENANTS})`, unit: 'ms', runs: one(median(createMs)), baseline: { label: `raw clone p50 (n=${rawMs.length})`, runs: one(median(rawMs)) }, target: { on: 'value', op: '<', limit: 150 } }),
    figure({ scenario: sc, metric: 'CreateTenant p99', unit: 'ms', runs: one(percentile(createMs, 0.99)), baseline: { label: 'raw clone p99', runs: one(percentile(rawMs, 0.99)) } }),
    figure({ scenario: sc, metric: 'CreateTenant max', unit: 'ms', runs: one(Math.max(...createMs)), baseline: { label: 'raw clone max', runs: one(Math.max(...rawMs)) } }),
    figure({ scenario: sc, metric: 'create + first SignUp p50 (usable)', unit: 'ms', runs: one(median(usableMs)), note: 'SignUp includes one argon2id hash' }),
    figure({ scenario: sc, metric: 'create + first SignUp p99', unit: 'ms', runs: one(percentile(usableMs, 0.99)) }),
    figure({ scenario: sc, metric: `${TENANTS} tenants back to back (CreateTenant only)`, unit: 's', runs: one(createSeconds), baseline: { label: `${TENANTS} × raw clone p50`, runs: one((median(rawMs) * TENANTS) / 1000) } }),
    figure({ scenario: sc, metric: `${TENANTS} tenants back to back (with SignUp)`, unit: 's', runs: one(serviceSeconds) }),
  );
}
