// The real service as grpcurl sees it: `list`, `describe` and calls by name, with no generated code for
// the service's messages. Everything the client knows comes from server reflection.
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { FileRegistry, JsonValue } from '@bufbuild/protobuf';
import { failure } from '../support/grpc-clients';
import { descriptorPool, describeMethod, DynamicClient, mergeAnswers, ReflectionClient } from '../support/reflection-client';
import { databaseExists, uniqueName } from '../support/test-database';
import { startTestApp, SUPERADMIN, type TestApp } from '../support/test-app';

const APPLICATION_SERVICES = ['userservice.v1.AuthService', 'userservice.v1.UserService', 'userservice.v1.TenantService'];
const INFRASTRUCTURE_SERVICES = ['grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection'];

let t: TestApp;
let reflection: ReflectionClient;
const dynamicClients: DynamicClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
  reflection = new ReflectionClient(t.address);
});

afterAll(async () => {
  dynamicClients.forEach((c) => c.close());
  reflection?.close();
  await t?.dispose();
});

/** A pool from the reflection answers for `symbols`, and a client that calls by name through it. */
async function clientFor(...symbols: string[]): Promise<{ pool: FileRegistry; client: DynamicClient }> {
  const answers = [];
  for (const symbol of symbols) answers.push(await reflection.fileContainingSymbol(symbol));
  const pool = descriptorPool(mergeAnswers(...answers));
  const client = new DynamicClient(t.address, pool);
  dynamicClients.push(client);
  return { pool, client };
}

/** `json.a.b.c`, failing with the path when a step is missing. */
function at(json: JsonValue, ...keys: string[]): JsonValue {
  return keys.reduce<JsonValue>((value, key, i) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !(key in value)) {
      throw new Error(`no ${keys.slice(0, i + 1).join('.')} in ${JSON.stringify(json)}`);
    }
    return value[key];
  }, json);
}

function metadata(values: Record<string, string>): Metadata {
  const m = new Metadata();
  for (const [key, value] of Object.entries(values)) m.set(key, value);
  return m;
}

describe('list and describe', () => {
  it('lists the application, health and reflection services', async () => {
    expect(await reflection.listServices()).toEqual(expect.arrayContaining([...APPLICATION_SERVICES, ...INFRASTRUCTURE_SERVICES]));
  });

  it('describes every listed service from its own answer alone', async () => {
    const services = await reflection.listServices();
    expect(services.length).toBeGreaterThanOrEqual(APPLICATION_SERVICES.length + INFRASTRUCTURE_SERVICES.length);
    for (const serviceName of services) {
      const pool = descriptorPool(await reflection.fileContainingSymbol(serviceName));
      const service = pool.getService(serviceName);
      if (!service) throw new Error(`${serviceName} is not in the pool built from its own answer`);
      expect(service.methods.length).toBeGreaterThan(0);
      for (const method of service.methods) {
        expect(pool.getMessage(method.input.typeName)).toBe(method.input);
        expect(pool.getMessage(method.output.typeName)).toBe(method.output);
      }
    }
  });

  it('cannot build a pool when an answer lacks the dependencies (the check this suite relies on)', async () => {
    const files = await reflection.fileContainingSymbol('userservice.v1.TenantService');
    expect(files[0].name).toBe('userservice/v1/tenant_service.proto');
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'google/api/annotations.proto',
        'google/api/http.proto',
        'google/protobuf/descriptor.proto',
        'google/protobuf/field_mask.proto',
        'google/protobuf/timestamp.proto',
        'userservice/v1/access.proto',
        'userservice/v1/tenant.proto',
      ]),
    );
    expect(() => descriptorPool(files.slice(0, 1))).toThrow(/lacks .+, imported by userservice\/v1\/tenant_service\.proto/);
  });

  it('describes TenantService.CreateTenant: types, HTTP rule and access policy', async () => {
    const pool = descriptorPool(await reflection.fileContainingSymbol('userservice.v1.TenantService.CreateTenant'));
    const described = describeMethod(pool, 'userservice.v1.TenantService.CreateTenant');

    expect(described.input.typeName).toBe('userservice.v1.CreateTenantRequest');
    expect(described.output.typeName).toBe('userservice.v1.CreateTenantResponse');
    const tenantField = described.input.fields.find((f) => f.name === 'tenant');
    expect(tenantField?.message?.typeName).toBe('userservice.v1.Tenant');
    expect(tenantField?.message?.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['slug', 'display_name', 'status', 'self_sign_up_enabled', 'create_time']),
    );

    expect(described.options).toEqual({
      'google.api.http': { post: '/v1/tenants', body: 'tenant' },
      'userservice.v1.access': { roles: ['ROLE_SUPER_ADMIN'], tenantScope: 'TENANT_SCOPE_NONE' },
    });
    expect(described.text).toBe(
      [
        'rpc CreateTenant ( .userservice.v1.CreateTenantRequest ) returns ( .userservice.v1.CreateTenantResponse ) {',
        '  option (.google.api.http) = {"post":"/v1/tenants","body":"tenant"};',
        '  option (.userservice.v1.access) = {"roles":["ROLE_SUPER_ADMIN"],"tenantScope":"TENANT_SCOPE_NONE"};',
        '}',
      ].join('\n'),
    );
  });
});

describe('calls by name with messages built from reflection', () => {
  it('a super-admin logs in, then creates, reads, lists, suspends and deletes a tenant', async () => {
    const { client } = await clientFor('userservice.v1.AuthService', 'userservice.v1.TenantService');

    const login = await client.invoke('userservice.v1.AuthService/Login', { email: SUPERADMIN.email, password: SUPERADMIN.password });
    const accessToken = at(login, 'tokens', 'accessToken');
    if (typeof accessToken !== 'string' || accessToken === '') throw new Error(`no access token in ${JSON.stringify(login)}`);
    const admin = () => metadata({ authorization: `Bearer ${accessToken}` });

    const slug = uniqueName('refl').replace(/_/g, '-');
    const databaseName = `tenant_${slug.replace(/-/g, '_')}`;
    const created = await client.invoke('userservice.v1.TenantService/CreateTenant', { tenant: { slug, displayName: 'Reflected Inc.' } }, admin());
    expect(created).toEqual({
      tenant: {
        id: expect.any(String),
        slug,
        displayName: 'Reflected Inc.',
        status: 'TENANT_STATUS_ACTIVE',
        selfSignUpEnabled: true,
        requireVerifiedEmail: false,
        databaseServer: 'default',
        createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        updateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      },
    });
    expect(await databaseExists(databaseName)).toBe(true);

    const got = await client.invoke('userservice.v1.TenantService/GetTenant', { slug }, admin());
    expect(at(got, 'tenant')).toEqual(at(created, 'tenant'));
    const listed = await client.invoke('userservice.v1.TenantService/ListTenants', {}, admin());
    expect(at(listed, 'tenants')).toEqual(expect.arrayContaining([at(created, 'tenant')]));

    // While ACTIVE, a call naming the tenant gets past the tenant check (whatever the handler then says).
    const tenantLogin = () =>
      client.invoke('userservice.v1.AuthService/Login', { email: 'someone@tenant.test', password: 'x' }, metadata({ 'x-tenant-id': slug }));
    expect((await failure(tenantLogin())).code).not.toBe(status.FAILED_PRECONDITION);

    const updated = await client.invoke(
      'userservice.v1.TenantService/UpdateTenant',
      { tenant: { slug, status: 'TENANT_STATUS_SUSPENDED' }, updateMask: 'status' },
      admin(),
    );
    expect(at(updated, 'tenant', 'status')).toBe('TENANT_STATUS_SUSPENDED');
    expect(at(updated, 'tenant', 'displayName')).toBe('Reflected Inc.');
    const refused: ServiceError = await failure(tenantLogin());
    expect(refused.code).toBe(status.FAILED_PRECONDITION);

    expect(await client.invoke('userservice.v1.TenantService/DeleteTenant', { slug }, admin())).toEqual({});
    expect(await databaseExists(databaseName)).toBe(false);
    expect((await failure(client.invoke('userservice.v1.TenantService/GetTenant', { slug }, admin()))).code).toBe(status.NOT_FOUND);
  });

  it('grpc.health.v1.Health/Check answers SERVING', async () => {
    const { client } = await clientFor('grpc.health.v1.Health');
    expect(await client.invoke('grpc.health.v1.Health/Check', {})).toEqual({ status: 'SERVING' });
    expect(await client.invoke('grpc.health.v1.Health/Check', { service: 'userservice.v1.TenantService' })).toEqual({ status: 'SERVING' });
  });
});

describe('error details through reflection', () => {
  it('a reflection-only client decodes ErrorInfo and BadRequest field violations from grpc-status-details-bin', async () => {
    const { client } = await clientFor('userservice.v1.AuthService', 'userservice.v1.TenantService');
    const login = await client.invoke('userservice.v1.AuthService/Login', { email: SUPERADMIN.email, password: SUPERADMIN.password });
    const admin = metadata({ authorization: `Bearer ${String(at(login, 'tokens', 'accessToken'))}` });
    const error = (await failure(client.invoke('userservice.v1.TenantService/CreateTenant', { tenant: { slug: 'Not A Slug', displayName: 'x' } }, admin))) as ServiceError;
    expect(error.code).toBe(status.INVALID_ARGUMENT);

    const { fromBinary, toJson } = await import('@bufbuild/protobuf');
    const pool = descriptorPool(mergeAnswers(await reflection.fileContainingSymbol('google.rpc.Status'), await reflection.fileContainingSymbol('google.rpc.ErrorInfo')));
    const statusSchema = pool.getMessage('google.rpc.Status')!;
    const decoded = toJson(statusSchema, fromBinary(statusSchema, error.metadata.get('grpc-status-details-bin')[0] as Buffer), { registry: pool });
    expect(decoded).toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.arrayContaining([
        expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'INVALID_ARGUMENT', domain: 'userservice.v1' }),
        expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [expect.objectContaining({ field: 'tenant.slug' })] }),
      ]),
    });
  });
});
