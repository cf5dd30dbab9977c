/**
 * docs/API.md and docs/openapi.yaml are generated from the descriptor set (scripts/generate-api-docs.ts).
 * A proto change without regenerating them fails here, with the command that fixes it. The OpenAPI
 * document is also checked against the descriptor set: one operation per HTTP binding, path parameters
 * declared, bearer auth exactly on the non-public methods, x-tenant-id as the access policy says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { parse as parseYaml } from 'yaml';
import { API_MARKDOWN, apiServices, generateApiDocs, httpBindings, OPENAPI_YAML, staleFiles } from '../../scripts/generate-api-docs';

const ROOT = path.resolve(__dirname, '..', '..');
const descriptorSet = readFileSync(path.join(ROOT, 'src/gen/userservice.binpb'));
const docs = generateApiDocs(descriptorSet);
type Doc = any;

describe('generated API docs', () => {
  it('are up to date (otherwise run: npm run build && node dist/scripts/generate-api-docs.js)', () => {
    expect(staleFiles(ROOT, docs)).toEqual([]);
  });

  it('are deterministic', () => {
    expect(generateApiDocs(descriptorSet)).toEqual(docs);
  });

  describe('openapi.yaml', () => {
    const openapi: Doc = parseYaml(docs.openapiYaml);
    const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet));
    const http = registry.getExtension('google.api.http')!;
    const operations = Object.entries(openapi.paths as Record<string, Record<string, Doc>>).flatMap(([p, item]) =>
      Object.entries(item).map(([verb, op]) => ({ path: p, verb, op })),
    );

    it('is OpenAPI 3.1 with bearer auth', () => {
      expect(openapi.openapi).toBe('3.1.0');
      expect(openapi.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('has one operation per HTTP binding of every RPC, with its path parameters, body and policy', () => {
      let bindings = 0;
      for (const service of apiServices(registry)) {
        for (const method of service.methods) {
          for (const binding of httpBindings({ http }, method)) {
            bindings++;
            // Paths differing only in parameter names are one path in OpenAPI: match by shape.
            const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
            const found = operations.find((o) => shape(o.path) === shape(binding.path) && o.verb === binding.verb);
            expect({ rpc: `${service.name}.${method.name}`, binding: binding.template, found: Boolean(found) }).toEqual({
              rpc: `${service.name}.${method.name}`,
              binding: binding.template,
              found: true,
            });
            const op = found!.op;
            expect(op['x-grpc-method']).toBe(`/${service.typeName}/${method.name}`);
            const pathParams = op.parameters.filter((p: Doc) => p.in === 'path');
            expect(pathParams.map((p: Doc) => p['x-field-path'])).toEqual(binding.pathFields);
            expect(pathParams.map((p: Doc) => `{${p.name}}`)).toEqual(found!.path.match(/\{[^}]+\}/g) ?? []);
            expect(Boolean(op.requestBody)).toBe(binding.body !== '');
            const policy = op['x-access-policy'];
            expect(op.security).toEqual(policy.public ? [] : [{ bearerAuth: [] }]);
            const tenantRefs = op.parameters.filter((p: Doc) => String(p.$ref ?? '').includes('TenantId')).map((p: Doc) => p.$ref);
            expect(tenantRefs).toEqual(
              { REQUIRED: ['#/components/parameters/TenantId'], OPTIONAL: ['#/components/parameters/TenantIdOptional'], NONE: [] }[policy.tenantScope as string],
            );
          }
        }
      }
      expect(operations).toHaveLength(bindings);
    });

    it('resolves every $ref', () => {
      const refs = [...docs.openapiYaml.matchAll(/\$ref: "?#\/components\/([a-zA-Z]+)\/([^"\s]+)"?/g)];
      expect(refs.length).toBeGreaterThan(10);
      for (const [, section, name] of refs) expect({ ref: `${section}/${name}`, ok: Boolean(openapi.components[section]?.[name]) }).toEqual({ ref: `${section}/${name}`, ok: true });
    });

    it('uses proto3 JSON names', () => {
      const tenant = openapi.components.schemas['userservice.v1.Tenant'];
      expect(Object.keys(tenant.properties)).toEqual(expect.arrayContaining(['displayName', 'selfSignUpEnabled', 'createTime']));
      expect(tenant.properties.createTime).toMatchObject({ type: 'string', format: 'date-time', readOnly: true });
      const list = operations.find((o) => o.path === '/v1/users' && o.verb === 'get')!.op;
      expect(list.parameters.map((p: Doc) => p.name)).toEqual(expect.arrayContaining(['pageSize', 'pageToken']));
    });
  });

  describe('API.md', () => {
    it('documents every method with its HTTP binding and access policy', () => {
      const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet));
      for (const service of apiServices(registry)) {
        expect(docs.apiMarkdown).toContain(`## ${service.name}`);
        for (const method of service.methods) {
          const section = docs.apiMarkdown.split(`### ${service.name}.${method.name}\n`)[1]?.split('\n### ')[0] ?? '';
          expect({ method: method.name, hasHttp: section.includes('- HTTP: `'), hasAccess: section.includes('- Access: ') }).toEqual({
            method: method.name,
            hasHttp: true,
            hasAccess: true,
          });
        }
      }
      expect(docs.apiMarkdown).not.toContain('no access policy declared');
    });

    it('carries the proto comments', () => {
      expect(docs.apiMarkdown).toContain('Exchanges a refresh token for a new token pair');
      expect(docs.apiMarkdown).toContain('| `TENANT_STATUS_SUSPENDED` | 3 |');
    });
  });

  it('writes to the documented paths', () => {
    expect(API_MARKDOWN).toBe(path.join('docs', 'API.md'));
    expect(OPENAPI_YAML).toBe(path.join('docs', 'openapi.yaml'));
  });
});
