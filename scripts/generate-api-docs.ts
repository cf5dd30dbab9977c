/**
 * Writes the API reference (docs/API.md) and the OpenAPI 3.1 description of the REST surface
 * (docs/openapi.yaml) from the buf descriptor set `npm run generate:proto` builds
 * (src/gen/userservice.binpb, which keeps the proto comments as source code info).
 *
 *   npm run build && node dist/scripts/generate-api-docs.js           # (re)write both files
 *   npm run build && node dist/scripts/generate-api-docs.js --check   # exit 1 if either is stale (CI)
 *
 * The REST surface is what Envoy's gRPC-JSON transcoder (deploy/envoy/envoy.yaml) serves from the
 * `google.api.http` rules: path variables bind request fields, `body` names the field the JSON body fills
 * (`*` = the whole request), and every field bound by neither is a query parameter. JSON uses the proto3
 * JSON mapping with lowerCamelCase names, as the transcoder prints them (preserve_proto_field_names false).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createFileRegistry, fromBinary, getOption, hasOption, ScalarType } from '@bufbuild/protobuf';
import type { DescEnum, DescExtension, DescField, DescMessage, DescMethod, DescOneof, DescService, FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

export const API_PACKAGE = 'userservice.v1';
/**
 * The services every deployment serves, listed first in this order; any other service of the package in
 * the descriptor set follows, by name (the reference and the REST surface cover every service of the package).
 */
export const CORE_SERVICES = ['userservice.v1.AuthService', 'userservice.v1.UserService', 'userservice.v1.TenantService'];
/** Error payload types the service puts in `grpc-status-details-bin` (documented with the errors). */
const ERROR_TYPES = ['google.rpc.Status', 'google.rpc.ErrorInfo', 'google.rpc.BadRequest'];

export const DESCRIPTOR_SET = path.join('src', 'gen', 'userservice.binpb');
export const API_MARKDOWN = path.join('docs', 'API.md');
export const OPENAPI_YAML = path.join('docs', 'openapi.yaml');

export interface GeneratedDocs {
  apiMarkdown: string;
  openapiYaml: string;
}

type HttpVerb = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** One HTTP binding of an RPC (the rule itself or one of its additional_bindings). */
export interface HttpBinding {
  verb: HttpVerb;
  /** The path template as written in the proto, e.g. `/v1/tenants/{tenant.slug}`. */
  template: string;
  /** The path in OpenAPI form (`{var=pattern}` becomes `{var}`). */
  path: string;
  /** Request field paths bound by path variables, e.g. `tenant.slug`. */
  pathFields: string[];
  /** `''` (no body), `'*'` (the whole request) or the name of the request field the body fills. */
  body: string;
}

interface Access {
  public: boolean;
  roles: string[];
  tenantScope: 'REQUIRED' | 'OPTIONAL' | 'NONE';
}

interface Api {
  registry: FileRegistry;
  services: DescService[];
  http: DescExtension;
  access: DescExtension;
  fieldBehavior?: DescExtension;
  comments: Map<string, string>;
}

// ---------------------------------------------------------------------------------------------------
// Reading the descriptor set
// ---------------------------------------------------------------------------------------------------

function loadApi(descriptorSet: Uint8Array): Api {
  const set = fromBinary(FileDescriptorSetSchema, descriptorSet);
  const registry = createFileRegistry(set);
  const services = apiServices(registry);
  for (const name of CORE_SERVICES) {
    if (!services.some((s) => s.typeName === name)) throw new Error(`descriptor set has no service ${name}`);
  }
  const http = registry.getExtension('google.api.http');
  if (!http) throw new Error('descriptor set has no google.api.http extension');
  const access = registry.getExtension(`${API_PACKAGE}.access`);
  if (!access) throw new Error(`descriptor set has no ${API_PACKAGE}.access extension`);
  const comments = new Map<string, string>();
  let withSourceInfo = 0;
  for (const file of set.file) {
    const locations = file.sourceCodeInfo?.location ?? [];
    if (file.package === API_PACKAGE && locations.length > 0) withSourceInfo++;
    for (const location of locations) {
      if (location.leadingComments) comments.set(`${file.name}:${location.path.join('.')}`, cleanComment(location.leadingComments));
    }
  }
  if (withSourceInfo === 0) throw new Error('the descriptor set has no source code info (comments); build it with `buf build` (which keeps it)');
  return { registry, services, http, access, fieldBehavior: registry.getExtension('google.api.field_behavior'), comments };
}

/** Locale-independent ordering, so the output is the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every service of the API package: the core ones in their order, then the others by name. */
export function apiServices(registry: FileRegistry): DescService[] {
  const all: DescService[] = [];
  for (const file of registry.files) if (file.proto.package === API_PACKAGE) all.push(...file.services);
  const rank = (s: DescService) => (CORE_SERVICES.includes(s.typeName) ? CORE_SERVICES.indexOf(s.typeName) : CORE_SERVICES.length);
  return all.sort((a, b) => rank(a) - rank(b) || byCodePoint(a.typeName, b.typeName));
}

function cleanComment(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.replace(/^ /, '').trimEnd())
    .join('\n')
    .trim();
}

type Commented = DescService | DescMethod | DescMessage | DescField | DescEnum | DescEnum['values'][number] | DescOneof;

/** The source-code-info path of a descriptor (descriptor.proto field numbers and indexes). */
function sourcePath(desc: Commented): number[] {
  switch (desc.kind) {
    case 'service':
      return [6, desc.file.proto.service.indexOf(desc.proto)];
    case 'rpc':
      return [...sourcePath(desc.parent), 2, desc.parent.proto.method.indexOf(desc.proto)];
    case 'message':
      return desc.parent
        ? [...sourcePath(desc.parent), 3, desc.parent.proto.nestedType.indexOf(desc.proto)]
        : [4, desc.file.proto.messageType.indexOf(desc.proto)];
    case 'field':
      return [...sourcePath(desc.parent), 2, desc.parent.proto.field.indexOf(desc.proto)];
    case 'oneof':
      return [...sourcePath(desc.parent), 8, desc.parent.proto.oneofDecl.indexOf(desc.proto)];
    case 'enum':
      return desc.parent
        ? [...sourcePath(desc.parent), 4, desc.parent.proto.enumType.indexOf(desc.proto)]
        : [5, desc.file.proto.enumType.indexOf(desc.proto)];
    case 'enum_value':
      return [...sourcePath(desc.parent), 2, desc.parent.proto.value.indexOf(desc.proto)];
  }
}

function fileOf(desc: Commented): string {
  switch (desc.kind) {
    case 'rpc':
      return desc.parent.file.proto.name;
    case 'field':
    case 'oneof':
      return desc.parent.file.proto.name;
    case 'enum_value':
      return desc.parent.file.proto.name;
    default:
      return desc.file.proto.name;
  }
}

function commentOf(api: Api, desc: Commented): string {
  return api.comments.get(`${fileOf(desc)}:${sourcePath(desc).join('.')}`) ?? '';
}

/** The first sentence of a comment (an operation's summary). */
function firstSentence(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const match = /^(.*?[.!?])(\s|$)/.exec(flat);
  return (match ? match[1] : flat).trim();
}

export function httpBindings(api: { http: DescExtension }, method: DescMethod): HttpBinding[] {
  if (!hasOption(method, api.http)) return [];
  type Rule = { pattern: { case: string | undefined; value?: unknown }; body: string; additionalBindings: Rule[] };
  const rule = getOption(method, api.http) as unknown as Rule;
  const toBinding = (r: Rule): HttpBinding => {
    const { case: verb, value } = r.pattern;
    if (verb === 'custom' || verb === undefined) throw new Error(`${method.parent.typeName}.${method.name}: unsupported HTTP rule ${String(verb)}`);
    const template = value as string;
    const pathFields: string[] = [];
    const openapiPath = template.replace(/\{([^}=]+)(=[^}]*)?\}/g, (_, field: string) => {
      pathFields.push(field);
      return `{${field}}`;
    });
    return { verb: verb as HttpVerb, template, path: openapiPath, pathFields, body: r.body };
  };
  return [toBinding(rule), ...rule.additionalBindings.map(toBinding)];
}

function accessOf(api: Api, method: DescMethod): Access | undefined {
  if (!hasOption(method, api.access)) return undefined;
  const option = getOption(method, api.access) as unknown as { public: boolean; roles: number[]; tenantScope: number };
  const policy = api.access.message as DescMessage;
  const roleEnum = policy.fields.find((f) => f.name === 'roles')?.enum;
  const scopeEnum = policy.fields.find((f) => f.name === 'tenant_scope')?.enum;
  const roles = option.roles.map((n) => roleEnum?.values.find((v) => v.number === n)?.name ?? String(n));
  const scope = scopeEnum?.values.find((v) => v.number === option.tenantScope)?.name ?? 'TENANT_SCOPE_UNSPECIFIED';
  const tenantScope = scope === 'TENANT_SCOPE_OPTIONAL' ? 'OPTIONAL' : scope === 'TENANT_SCOPE_NONE' ? 'NONE' : 'REQUIRED';
  return { public: option.public, roles, tenantScope };
}

function fieldBehaviors(api: Api, field: DescField): string[] {
  if (!api.fieldBehavior || !hasOption(field, api.fieldBehavior)) return [];
  const values = getOption(field, api.fieldBehavior) as unknown as number[];
  const names = api.fieldBehavior.enum?.values ?? [];
  return values.map((n) => names.find((v) => v.number === n)?.name ?? String(n));
}

/** Messages of our package reachable from a message (itself included), in a stable order. */
function collectTypes(root: DescMessage, messages: Map<string, DescMessage>, enums: Map<string, DescEnum>): void {
  if (messages.has(root.typeName) || isWellKnown(root)) return;
  messages.set(root.typeName, root);
  for (const field of root.fields) {
    if (field.enum) enums.set(field.enum.typeName, field.enum);
    if (field.message) collectTypes(field.message, messages, enums);
  }
}

function isWellKnown(message: DescMessage): boolean {
  return message.typeName.startsWith('google.protobuf.');
}

// ---------------------------------------------------------------------------------------------------
// JSON schema of the proto3 JSON mapping
// ---------------------------------------------------------------------------------------------------

type Schema = Record<string, unknown>;

const ref = (typeName: string): Schema => ({ $ref: `#/components/schemas/${typeName}` });

function scalarSchema(scalar: ScalarType): Schema {
  switch (scalar) {
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.BYTES:
      return { type: 'string', contentEncoding: 'base64' };
    case ScalarType.DOUBLE:
      return { type: 'number', format: 'double' };
    case ScalarType.FLOAT:
      return { type: 'number', format: 'float' };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { type: 'integer', format: 'int32' };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: 'integer', format: 'int64', minimum: 0, maximum: 4294967295 };
    // proto3 JSON writes 64-bit integers as decimal strings (and accepts numbers).
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { type: 'string', format: 'int64' };
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { type: 'string', format: 'uint64' };
  }
}

/** google.protobuf.Any in proto3 JSON: the message's own fields plus its type URL. */
function anySchema(): Schema {
  return {
    type: 'object',
    properties: { '@type': { type: 'string', description: 'Type URL, e.g. "type.googleapis.com/google.rpc.ErrorInfo".' } },
    required: ['@type'],
    additionalProperties: true,
  };
}

function wellKnownSchema(message: DescMessage): Schema {
  switch (message.typeName) {
    case 'google.protobuf.Timestamp':
      return { type: 'string', format: 'date-time', description: 'RFC 3339 timestamp, e.g. "2025-01-31T12:00:00Z".' };
    case 'google.protobuf.Duration':
      return { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$', description: 'Duration in seconds with an "s" suffix, e.g. "1.5s".' };
    case 'google.protobuf.FieldMask':
      return { type: 'string', description: 'Comma-separated field paths in lowerCamelCase, e.g. "displayName,status".' };
    case 'google.protobuf.Empty':
      return { type: 'object', additionalProperties: false };
    case 'google.protobuf.Struct':
      return { type: 'object' };
    case 'google.protobuf.Value':
      return {};
    case 'google.protobuf.ListValue':
      return { type: 'array' };
    case 'google.protobuf.Any':
      return anySchema();
    default: {
      const wrapped = message.fields.find((f) => f.name === 'value');
      if (message.typeName.endsWith('Value') && wrapped?.scalar !== undefined) return { ...scalarSchema(wrapped.scalar), description: `${message.name} wrapper.` };
      throw new Error(`no JSON schema for well-known type ${message.typeName}`);
    }
  }
}

function messageRef(message: DescMessage): Schema {
  return isWellKnown(message) ? wellKnownSchema(message) : ref(message.typeName);
}

function singularSchema(field: DescField): Schema {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarSchema(field.scalar);
    case 'enum':
      return ref(field.enum.typeName);
    case 'message':
      return messageRef(field.message);
    case 'list':
      return {
        type: 'array',
        items: field.listKind === 'scalar' ? scalarSchema(field.scalar) : field.listKind === 'enum' ? ref(field.enum.typeName) : messageRef(field.message),
      };
    case 'map':
      return {
        type: 'object',
        additionalProperties: field.mapKind === 'scalar' ? scalarSchema(field.scalar) : field.mapKind === 'enum' ? ref(field.enum.typeName) : messageRef(field.message),
      };
  }
}

function fieldSchema(api: Api, field: DescField): Schema {
  const schema: Schema = { ...singularSchema(field) };
  const notes: string[] = [];
  const behaviors = fieldBehaviors(api, field);
  if (behaviors.includes('IMMUTABLE')) notes.push('Immutable once set.');
  if (field.oneof) notes.push(`Member of oneof \`${field.oneof.name}\`: at most one of ${field.oneof.fields.map((f) => `\`${f.jsonName}\``).join(', ')} is set.`);
  const description = [commentOf(api, field), ...notes].filter(Boolean).join('\n\n');
  if (description) schema.description = description;
  if (behaviors.includes('OUTPUT_ONLY')) schema.readOnly = true;
  if (field.deprecated) schema.deprecated = true;
  return schema;
}

function messageSchema(api: Api, message: DescMessage, omit: ReadonlySet<string> = new Set()): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const field of message.fields) {
    if (omit.has(field.name)) continue;
    properties[field.jsonName] = fieldSchema(api, field);
    if (message.typeName === 'google.rpc.Status' && field.name === 'details') properties[field.jsonName].items = statusDetailSchema();
    if (fieldBehaviors(api, field).includes('REQUIRED')) required.push(field.jsonName);
  }
  const schema: Schema = { type: 'object' };
  const description = commentOf(api, message);
  if (description) schema.description = description;
  schema.properties = properties;
  if (required.length > 0) schema.required = required;
  return schema;
}

/** The details this service puts in a google.rpc.Status, in the proto3 JSON form of an Any. */
function statusDetailSchema(): Schema {
  const detail = (typeName: string): Schema => ({
    allOf: [ref(typeName), { type: 'object', properties: { '@type': { const: `type.googleapis.com/${typeName}` } }, required: ['@type'] }],
  });
  return { anyOf: [detail('google.rpc.ErrorInfo'), detail('google.rpc.BadRequest'), anySchema()] };
}

function enumSchema(api: Api, desc: DescEnum): Schema {
  const lines = desc.values.map((v) => `- \`${v.name}\`: ${flatten(commentOf(api, v)) || '(no description)'}`);
  const comment = commentOf(api, desc);
  return {
    type: 'string',
    enum: desc.values.map((v) => v.name),
    description: [comment, lines.join('\n')].filter(Boolean).join('\n\n'),
  };
}

function flatten(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------
// OpenAPI
// ---------------------------------------------------------------------------------------------------

interface QueryParam {
  name: string;
  field: DescField;
}

/** Request fields bound by neither the path nor the body become query parameters (nested ones dotted). */
function queryParams(message: DescMessage, skip: (field: DescField, prefix: string) => boolean, prefix = '', depth = 0): QueryParam[] {
  const params: QueryParam[] = [];
  for (const field of message.fields) {
    const fieldPath = prefix + field.name;
    if (skip(field, fieldPath)) continue;
    if (field.fieldKind === 'message' && !isWellKnown(field.message)) {
      if (depth < 3) params.push(...queryParams(field.message, skip, `${fieldPath}.`, depth + 1).map((p) => ({ ...p, name: `${field.jsonName}.${p.name}` })));
      continue;
    }
    if (field.fieldKind === 'map' || (field.fieldKind === 'list' && field.listKind === 'message')) continue; // not expressible as a query parameter
    params.push({ name: field.jsonName, field });
  }
  return params;
}

function queryParamsOf(request: DescMessage, binding: HttpBinding): QueryParam[] {
  if (binding.body === '*') return [];
  return queryParams(request, (_field, fieldPath) => fieldPath === binding.body || binding.pathFields.includes(fieldPath));
}

function fieldAt(message: DescMessage, fieldPath: string): DescField {
  let current: DescMessage | undefined = message;
  let found: DescField | undefined;
  for (const part of fieldPath.split('.')) {
    found = current?.fields.find((f) => f.name === part);
    if (!found) throw new Error(`${message.typeName} has no field ${fieldPath} (HTTP path variable)`);
    current = found.message;
  }
  return found!;
}

/** A path's shape: its variables replaced by `{}` (OpenAPI treats paths differing only in names as one). */
function pathShape(openapiPath: string): string {
  return openapiPath.replace(/\{[^}]+\}/g, '{}');
}

/**
 * OpenAPI forbids two paths that differ only in parameter names (`/v1/users/{user_id}` and
 * `/v1/users/{user.id}`), so each shape gets one set of names: per position, the simplest name any binding
 * uses (no dots first, then alphabetical). Each parameter keeps the request field it binds in `x-field-path`.
 */
function canonicalParameterNames(api: Api): Map<string, string[]> {
  const names = new Map<string, string[][]>();
  for (const service of api.services) {
    for (const method of service.methods) {
      for (const binding of httpBindings(api, method)) {
        const shape = pathShape(binding.path);
        names.set(shape, [...(names.get(shape) ?? []), binding.pathFields]);
      }
    }
  }
  const simplest = (a: string, b: string) => Number(a.includes('.')) - Number(b.includes('.')) || byCodePoint(a, b);
  return new Map([...names].map(([shape, lists]) => [shape, lists[0].map((_, i) => lists.map((l) => l[i]).sort(simplest)[0])]));
}

function toOpenApi(api: Api): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const messages = new Map<string, DescMessage>();
  const enums = new Map<string, DescEnum>();
  const canonical = canonicalParameterNames(api);

  for (const service of api.services) {
    for (const method of service.methods) {
      const bindings = httpBindings(api, method);
      const access = accessOf(api, method);
      collectTypes(method.output, messages, enums);
      bindings.forEach((binding, index) => {
        const request = method.input;
        const parameters: Schema[] = [];
        const names = canonical.get(pathShape(binding.path))!;
        let position = 0;
        const openapiPath = binding.path.replace(/\{[^}]+\}/g, () => `{${names[position++]}}`);
        binding.pathFields.forEach((fieldPath, i) => {
          const field = fieldAt(request, fieldPath);
          const note = names[i] === fieldPath ? '' : `Binds the request field \`${fieldPath}\`.`;
          parameters.push({
            name: names[i],
            in: 'path',
            required: true,
            description: [commentOf(api, field), note].filter(Boolean).join('\n\n') || undefined,
            schema: singularSchema(field),
            'x-field-path': fieldPath,
          });
        });
        const topLevelPathFields = new Set(binding.pathFields.filter((p) => !p.includes('.')));
        let requestBody: Schema | undefined;
        if (binding.body === '*') {
          collectTypes(request, messages, enums);
          const omitted = topLevelPathFields;
          requestBody = {
            required: true,
            content: { 'application/json': { schema: omitted.size === 0 ? ref(request.typeName) : messageSchema(api, request, omitted) } },
          };
        } else if (binding.body) {
          const bodyField = fieldAt(request, binding.body);
          if (bodyField.message) collectTypes(bodyField.message, messages, enums);
          if (bodyField.enum) enums.set(bodyField.enum.typeName, bodyField.enum);
          requestBody = {
            required: true,
            description: commentOf(api, bodyField) || undefined,
            content: { 'application/json': { schema: singularSchema(bodyField) } },
          };
        }
        if (binding.body !== '*') {
          for (const param of queryParamsOf(request, binding)) {
            if (param.field.enum) enums.set(param.field.enum.typeName, param.field.enum);
            const schema = singularSchema(param.field);
            const isList = param.field.fieldKind === 'list';
            parameters.push({
              name: param.name,
              in: 'query',
              required: fieldBehaviors(api, param.field).includes('REQUIRED'),
              description: commentOf(api, param.field) || undefined,
              schema,
              ...(isList ? { style: 'form', explode: true } : {}),
            });
          }
        }
        if (access?.tenantScope === 'REQUIRED') parameters.push({ $ref: '#/components/parameters/TenantId' });
        if (access?.tenantScope === 'OPTIONAL') parameters.push({ $ref: '#/components/parameters/TenantIdOptional' });
        parameters.push({ $ref: '#/components/parameters/RequestId' });

        const comment = commentOf(api, method);
        const operation: Record<string, unknown> = {
          operationId: `${service.name}_${method.name}${index === 0 ? '' : `_${index + 1}`}`,
          tags: [service.name],
          summary: firstSentence(comment),
          description: [comment, accessSentence(access)].filter(Boolean).join('\n\n'),
          parameters: parameters.map(dropUndefined),
          ...(requestBody ? { requestBody: dropUndefined(requestBody) } : {}),
          responses: {
            '200': {
              description: 'OK',
              headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' } },
              content: { 'application/json': { schema: ref(method.output.typeName) } },
            },
            '4XX': { $ref: '#/components/responses/Error' },
            '5XX': { $ref: '#/components/responses/Error' },
          },
          security: access && !access.public ? [{ bearerAuth: [] }] : [],
          'x-grpc-method': `/${service.typeName}/${method.name}`,
          ...(access ? { 'x-access-policy': { public: access.public, roles: access.roles, tenantScope: access.tenantScope } } : {}),
        };
        paths[openapiPath] ??= {};
        if (paths[openapiPath][binding.verb]) throw new Error(`two RPCs bind ${binding.verb.toUpperCase()} ${openapiPath}`);
        paths[openapiPath][binding.verb] = operation;
      });
    }
  }

  for (const typeName of ERROR_TYPES) {
    const message = api.registry.getMessage(typeName);
    if (message) collectTypes(message, messages, enums);
  }

  const schemas: Record<string, Schema> = {};
  for (const name of [...messages.keys()].sort()) schemas[name] = messageSchema(api, messages.get(name)!);
  for (const name of [...enums.keys()].sort()) schemas[name] = enumSchema(api, enums.get(name)!);

  const sortedPaths: Record<string, unknown> = {};
  for (const p of Object.keys(paths).sort()) sortedPaths[p] = paths[p];

  return {
    openapi: '3.1.0',
    info: {
      title: 'User service REST API',
      version: '1.0.0',
      summary: 'Multi-tenant identity: authentication, users and tenants.',
      // OpenAPI 3.1 wants a license `url` or SPDX `identifier` beside the name (validators warn otherwise).
      // package.json says UNLICENSED (npm: no licence granted); there is no SPDX identifier for that, so the
      // url is npm's definition of the term.
      license: { name: 'UNLICENSED (proprietary: no licence is granted)', url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license' },
      description: [
        `The JSON/HTTP face of the gRPC services of \`${API_PACKAGE}\` (${api.services.map((s) => s.name).join(', ')}), as served by`,
        "Envoy's gRPC-JSON transcoder (deploy/envoy/envoy.yaml) from the `google.api.http` rules in the protos.",
        'Generated from src/gen/userservice.binpb by scripts/generate-api-docs.ts; do not edit by hand.',
        '',
        'JSON follows the proto3 JSON mapping: lowerCamelCase names, enums as their names, 64-bit integers as strings,',
        'timestamps as RFC 3339 strings; fields with default values are omitted from responses.',
        '',
        'Errors are `google.rpc.Status` bodies with the HTTP status mapped from the gRPC code; `details` carry',
        '`google.rpc.ErrorInfo` (reason, domain `userservice.v1`) and, for invalid arguments, `google.rpc.BadRequest`.',
        '',
        'Tenant-scoped calls name their tenant in the `x-tenant-id` header; authenticated calls send',
        '`authorization: Bearer <access token>` (from `POST /v1/auth:login`).',
      ].join('\n'),
    },
    servers: [{ url: 'http://localhost:8080', description: 'Envoy gateway of docker-compose.yml' }],
    tags: api.services.map((service) => ({ name: service.name, description: commentOf(api, service) })),
    paths: sortedPaths,
    components: {
      schemas,
      parameters: {
        TenantId: {
          name: 'x-tenant-id',
          in: 'header',
          required: true,
          description: 'Slug of the tenant the call acts in; must be the tenant of the access token.',
          schema: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,38}[a-z0-9]$' },
        },
        TenantIdOptional: {
          name: 'x-tenant-id',
          in: 'header',
          required: false,
          description: 'Slug of the tenant the call acts in; without it the call acts on the platform (super-admins).',
          schema: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,38}[a-z0-9]$' },
        },
        RequestId: {
          name: 'x-request-id',
          in: 'header',
          required: false,
          description: 'Correlation id (1..64 of A-Z a-z 0-9 . _ : -); generated when absent and returned in the response.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
        },
      },
      headers: {
        RequestId: { description: 'The request id the call was logged with.', schema: { type: 'string' } },
      },
      responses: {
        Error: {
          description:
            'The call failed: a google.rpc.Status. HTTP status from the gRPC code: INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE 400; ' +
            'UNAUTHENTICATED 401; PERMISSION_DENIED 403; NOT_FOUND 404; ALREADY_EXISTS, ABORTED 409; RESOURCE_EXHAUSTED 429; ' +
            'CANCELLED 499; UNIMPLEMENTED 501; UNAVAILABLE 503; DEADLINE_EXCEEDED 504; others 500.',
          headers: {
            'x-request-id': { $ref: '#/components/headers/RequestId' },
            'grpc-status': { description: 'The gRPC status code.', schema: { type: 'string' } },
            'grpc-message': { description: 'The gRPC status message (percent-encoded).', schema: { type: 'string' } },
          },
          content: { 'application/json': { schema: ref('google.rpc.Status') } },
        },
      },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from Login, SignUp or RefreshToken.' },
      },
    },
  };
}

function accessSentence(access: Access | undefined): string {
  if (!access) return '';
  const who = access.public ? 'Public: no access token needed.' : `Roles: ${access.roles.map(roleLabel).join(', ')}.`;
  const tenant =
    access.tenantScope === 'REQUIRED'
      ? 'Tenant: required (`x-tenant-id`).'
      : access.tenantScope === 'OPTIONAL'
        ? 'Tenant: optional (`x-tenant-id`).'
        : 'Tenant: none (platform call; `x-tenant-id` is ignored).';
  return `${who} ${tenant}`;
}

function roleLabel(role: string): string {
  return role.replace(/^ROLE_/, '');
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

function cell(text: string): string {
  return flatten(text).replace(/\|/g, '\\|');
}

function typeLabel(field: DescField): string {
  const link = (typeName: string) => {
    if (typeName.startsWith(`${API_PACKAGE}.`)) return `[${typeName.slice(API_PACKAGE.length + 1)}](#${anchor(typeName.slice(API_PACKAGE.length + 1))})`;
    if (ERROR_TYPES.some((t) => typeName === t || typeName.startsWith(`${t}.`))) return `[${typeName}](#${anchor(typeName)})`;
    return `\`${typeName}\``;
  };
  switch (field.fieldKind) {
    case 'scalar':
      return `\`${ScalarType[field.scalar].toLowerCase()}\``;
    case 'enum':
      return link(field.enum.typeName);
    case 'message':
      return link(field.message.typeName);
    case 'list':
      return `repeated ${field.listKind === 'scalar' ? `\`${ScalarType[field.scalar].toLowerCase()}\`` : field.listKind === 'enum' ? link(field.enum.typeName) : link(field.message.typeName)}`;
    case 'map':
      return `map<\`${ScalarType[field.mapKey].toLowerCase()}\`, ${field.mapKind === 'scalar' ? `\`${ScalarType[field.scalar].toLowerCase()}\`` : field.mapKind === 'enum' ? link(field.enum.typeName) : link(field.message.typeName)}>`;
  }
}

function bindingLabel(binding: HttpBinding): string {
  return `\`${binding.verb.toUpperCase()} ${binding.template}\``;
}

function bodyLabel(method: DescMethod, binding: HttpBinding): string {
  const parts: string[] = [];
  if (binding.body === '*') parts.push('body: the request message' + (binding.pathFields.length > 0 ? ' (less the path fields)' : ''));
  else if (binding.body) parts.push(`body: the request's \`${binding.body}\` field`);
  else parts.push('no body');
  if (binding.body !== '*') {
    const query = queryParamsOf(method.input, binding).map((q) => `\`${q.name}\``);
    if (query.length > 0) parts.push(`query: ${query.join(', ')}`);
  }
  return parts.join('; ');
}

function accessLabel(access: Access | undefined): string {
  if (!access) return '**no access policy declared**';
  const who = access.public ? 'public (no token)' : `roles ${access.roles.map(roleLabel).join(', ')}`;
  const tenant = { REQUIRED: '`x-tenant-id` required', OPTIONAL: '`x-tenant-id` optional', NONE: 'no tenant' }[access.tenantScope];
  return `${who}; ${tenant}`;
}

function firstParagraph(text: string): string {
  return flatten(text.split(/\n\s*\n/)[0] ?? '');
}

function fieldTable(api: Api, message: DescMessage, brief = false): string[] {
  if (message.fields.length === 0) return ['No fields.', ''];
  const rows = ['| Field | JSON | Type | Notes | Description |', '|---|---|---|---|---|'];
  for (const field of message.fields) {
    const notes = fieldBehaviors(api, field).map((b) => b.toLowerCase().replace(/_/g, ' '));
    if (field.proto.proto3Optional) notes.push('optional (has presence)');
    if (field.oneof) notes.push(`oneof \`${field.oneof.name}\``);
    if (field.deprecated) notes.push('deprecated');
    const comment = brief ? firstParagraph(commentOf(api, field)) : commentOf(api, field);
    rows.push(`| \`${field.name}\` (${field.number}) | \`${field.jsonName}\` | ${typeLabel(field)} | ${notes.join(', ')} | ${cell(comment)} |`);
  }
  return [...rows, ''];
}

function allMessages(messages: DescMessage[]): DescMessage[] {
  return messages.flatMap((m) => [m, ...allMessages(m.nestedMessages)]);
}

function allEnums(enums: DescEnum[], messages: DescMessage[]): DescEnum[] {
  return [...enums, ...messages.flatMap((m) => allEnums(m.nestedEnums, m.nestedMessages))];
}

function toMarkdown(api: Api): string {
  const out: string[] = [];
  const p = (...lines: string[]) => out.push(...lines);
  const ownFiles = [...api.registry.files]
    .filter((f) => f.proto.package === API_PACKAGE)
    .sort((a, b) => byCodePoint(a.proto.name, b.proto.name));
  const shortName = (typeName: string) => typeName.slice(API_PACKAGE.length + 1);

  p(
    '# API reference',
    '',
    '<!-- Generated from src/gen/userservice.binpb by scripts/generate-api-docs.ts. Do not edit by hand:',
    '     run `npm run build && node dist/scripts/generate-api-docs.js` after changing a proto. -->',
    '',
    'The service speaks gRPC (default port 50051) with server reflection, health (`grpc.health.v1`) and the',
    'services below. Envoy (`deploy/envoy/envoy.yaml`) serves the same methods as JSON over HTTP through the',
    '`google.api.http` bindings listed here; the OpenAPI 3.1 description of that REST surface is',
    '[`openapi.yaml`](openapi.yaml).',
    '',
    '**Metadata / headers.** `authorization: Bearer <access token>` for every method that is not public;',
    '`x-tenant-id: <tenant slug>` for tenant-scoped methods (the token must belong to that tenant);',
    '`x-request-id` (optional) is logged with the call and returned in the response headers and trailers.',
    '',
    '**Access.** Each RPC declares its policy in the proto as the method option `(userservice.v1.access)`',
    '([AccessPolicy](#accesspolicy)); the server reads it at start and enforces exactly that: the role first,',
    'then the tenant.',
    '',
    '**JSON.** Over HTTP, messages use the proto3 JSON mapping: the JSON names below, enums by name,',
    'timestamps as RFC 3339 strings, field masks as comma-separated lowerCamelCase paths; fields with default',
    'values are left out of responses.',
    '',
    '## Contents',
    '',
  );
  for (const service of api.services) p(`- [${service.name}](#${anchor(service.name)})`);
  p('- [Messages](#messages)');
  for (const file of ownFiles) if (file.messages.length > 0) p(`  - [${file.proto.name}](#${anchor(file.proto.name)})`);
  p('- [Enums](#enums)', '- [Errors](#errors)', '');

  for (const service of api.services) {
    p(`## ${service.name}`, '', commentOf(api, service), '');
    p('| Method | HTTP | Access |', '|---|---|---|');
    for (const method of service.methods) {
      const bindings = httpBindings(api, method).map(bindingLabel).join('<br>') || '(none)';
      p(`| [${method.name}](#${anchor(`${service.name}.${method.name}`)}) | ${bindings} | ${cell(accessLabel(accessOf(api, method)))} |`);
    }
    p('');
    for (const method of service.methods) {
      p(`### ${service.name}.${method.name}`, '');
      const comment = commentOf(api, method);
      if (comment) p(comment, '');
      p(
        `- gRPC: \`/${service.typeName}/${method.name}\`, [${method.input.name}](#${anchor(method.input.name)}) → [${method.output.name}](#${anchor(method.output.name)})`,
      );
      for (const binding of httpBindings(api, method)) p(`- HTTP: ${bindingLabel(binding)}; ${bodyLabel(method, binding)}`);
      p(`- Access: ${accessLabel(accessOf(api, method))}`, '');
    }
  }

  p('## Messages', '');
  for (const file of ownFiles) {
    const messages = allMessages(file.messages);
    if (messages.length === 0) continue;
    p(`### ${file.proto.name}`, '');
    for (const message of messages) {
      p(`#### ${shortName(message.typeName)}`, '');
      const comment = commentOf(api, message);
      if (comment) p(comment, '');
      p(...fieldTable(api, message));
    }
  }

  p('## Enums', '');
  for (const file of ownFiles) {
    for (const desc of allEnums(file.enums, file.messages)) {
      p(`### ${shortName(desc.typeName)}`, '', `Defined in \`${file.proto.name}\`.`, '');
      const comment = commentOf(api, desc);
      if (comment) p(comment, '');
      p('| Value | Number | Description |', '|---|---|---|');
      for (const value of desc.values) p(`| \`${value.name}\` | ${value.number} | ${cell(commentOf(api, value))} |`);
      p('');
    }
  }

  p(
    '## Errors',
    '',
    'A failed call ends with a gRPC status code and message, and `grpc-status-details-bin` holding a',
    '`google.rpc.Status` whose `details` carry a `google.rpc.ErrorInfo` (domain `userservice.v1`, an',
    'UPPER_SNAKE `reason` such as `TENANT_NOT_FOUND`) and, for `INVALID_ARGUMENT`, a `google.rpc.BadRequest`',
    'listing every invalid field by its proto path. Through Envoy the same `google.rpc.Status` is the JSON body,',
    'with the HTTP status mapped from the gRPC code:',
    '',
    '| gRPC code | HTTP |',
    '|---|---|',
    '| `INVALID_ARGUMENT`, `FAILED_PRECONDITION`, `OUT_OF_RANGE` | 400 |',
    '| `UNAUTHENTICATED` | 401 |',
    '| `PERMISSION_DENIED` | 403 |',
    '| `NOT_FOUND` | 404 |',
    '| `ALREADY_EXISTS`, `ABORTED` | 409 |',
    '| `RESOURCE_EXHAUSTED` | 429 |',
    '| `CANCELLED` | 499 |',
    '| `UNIMPLEMENTED` | 501 |',
    '| `UNAVAILABLE` | 503 |',
    '| `DEADLINE_EXCEEDED` | 504 |',
    '| `INTERNAL`, `UNKNOWN`, `DATA_LOSS` | 500 |',
    '',
  );
  for (const typeName of ERROR_TYPES) {
    const root = api.registry.getMessage(typeName);
    if (!root) continue;
    for (const message of allMessages([root])) {
      p(`### ${message.typeName}`, '', firstParagraph(commentOf(api, message)), '');
      p(...fieldTable(api, message, true));
    }
  }

  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------
// YAML output (plain data only; kept here so `npm run build` needs no YAML library)
// ---------------------------------------------------------------------------------------------------

const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0[xo]|^[-+]?\.(inf|nan)$/i;

/** Whether a one-line string can be written as a plain (unquoted) YAML scalar and read back as the same string. */
function plainSafe(text: string): boolean {
  return (
    text.length > 0 &&
    !/[\u0000-\u001f\u007f]/.test(text) &&
    !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) &&
    !/: |\s#|:$|\s$/.test(text) &&
    !YAML_WORDS.test(text) &&
    !NUMBER_LIKE.test(text)
  );
}

function yamlKey(key: string): string {
  return plainSafe(key) ? key : JSON.stringify(key);
}

function yamlScalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  // Multi-line text as a literal block, unless a line's leading or trailing space would be misread.
  if (text.includes('\n') && !/[\r\t]/.test(text) && !/ \n|\n$/.test(text) && !/(^|\n) /.test(text)) {
    return `|-\n${text
      .split('\n')
      .map((line) => (line ? indent + line : ''))
      .join('\n')}`;
  }
  return plainSafe(text) ? text : JSON.stringify(text);
}

/** Block-style YAML of JSON-like data (objects, arrays, strings, numbers, booleans). */
export function toYaml(value: unknown, indent = ''): string {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const nested = (v: unknown, childIndent: string): string => {
    if (Array.isArray(v)) return v.length === 0 ? ' []' : `\n${toYaml(v, childIndent)}`;
    if (isObject(v)) return Object.keys(v).length === 0 ? ' {}' : `\n${toYaml(v, childIndent)}`;
    return ` ${yamlScalar(v, childIndent)}`;
  };
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (isObject(item) && Object.keys(item).length > 0) {
          const body = toYaml(item, `${indent}  `);
          return `${indent}- ${body.slice(indent.length + 2)}`;
        }
        return `${indent}-${nested(item, `${indent}  `)}`;
      })
      .join('\n');
  }
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => `${indent}${yamlKey(key)}:${nested(v, `${indent}  `)}`)
      .join('\n');
  }
  return `${indent}${yamlScalar(value, indent)}`;
}

// ---------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------

export function generateApiDocs(descriptorSet: Uint8Array): GeneratedDocs {
  const api = loadApi(descriptorSet);
  const header =
    '# Generated from src/gen/userservice.binpb by scripts/generate-api-docs.ts. Do not edit by hand:\n' +
    '# run `npm run build && node dist/scripts/generate-api-docs.js` after changing a proto.\n';
  const openapiYaml = `${header}${toYaml(toOpenApi(api))}\n`;
  return { apiMarkdown: toMarkdown(api), openapiYaml };
}

/** The folder holding package.json (the same from scripts/ under ts-jest and from dist/scripts/). */
export function repositoryRoot(start = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** Files whose content on disk differs from what would be generated (relative paths). */
export function staleFiles(root: string, docs: GeneratedDocs): string[] {
  const expected: Array<[string, string]> = [
    [API_MARKDOWN, docs.apiMarkdown],
    [OPENAPI_YAML, docs.openapiYaml],
  ];
  return expected.filter(([file, content]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== content).map(([file]) => file);
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const root = repositoryRoot();
  const descriptorFile = path.join(root, DESCRIPTOR_SET);
  if (!existsSync(descriptorFile)) {
    process.stderr.write(`${DESCRIPTOR_SET} is missing: run \`npm run generate:proto\` first\n`);
    return 2;
  }
  const docs = generateApiDocs(readFileSync(descriptorFile));
  if (check) {
    const stale = staleFiles(root, docs);
    if (stale.length > 0) {
      process.stderr.write(`stale: ${stale.join(', ')}; run \`npm run build && node dist/scripts/generate-api-docs.js\` and commit the result\n`);
      return 1;
    }
    process.stdout.write(`${API_MARKDOWN} and ${OPENAPI_YAML} are up to date\n`);
    return 0;
  }
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, API_MARKDOWN), docs.apiMarkdown);
  writeFileSync(path.join(root, OPENAPI_YAML), docs.openapiYaml);
  process.stdout.write(`wrote ${API_MARKDOWN} and ${OPENAPI_YAML}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
