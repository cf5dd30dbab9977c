#!/usr/bin/env node
'use strict';
/**
 * Container health probe: calls grpc.health.v1.Health/Check on the local server and exits 0 when it
 * answers SERVING, 1 otherwise (NOT_SERVING, an error, no answer within the deadline). It stands in for
 * grpc_health_probe, using only @grpc/grpc-js (a dependency of the service) and a hand-encoded request,
 * so it loads no .proto file and starts fast.
 *
 *   node deploy/docker/healthcheck.js [service]
 *
 * Environment: GRPC_PORT (default 50051), HEALTHCHECK_HOST (default 127.0.0.1),
 * HEALTHCHECK_TIMEOUT_MS (default 3000). The service name defaults to "" (the whole server).
 */
const grpc = require('@grpc/grpc-js');

const host = process.env.HEALTHCHECK_HOST || '127.0.0.1';
const port = Number(process.env.GRPC_PORT || 50051);
const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);
const service = process.argv[2] || '';

/** HealthCheckRequest { string service = 1; } */
function encodeRequest(name) {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length === 0) return Buffer.alloc(0);
  const length = [];
  let n = bytes.length;
  while (n > 0x7f) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  return Buffer.concat([Buffer.from([0x0a, ...length]), bytes]);
}

/** HealthCheckResponse { ServingStatus status = 1; }: returns the status number (0 when absent). */
function decodeStatus(buffer) {
  let offset = 0;
  const varint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (offset >= buffer.length) throw new Error('truncated health response');
      const byte = buffer[offset++];
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  let status = 0;
  while (offset < buffer.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      const value = varint();
      if (field === 1) status = value;
    } else if (wireType === 2) {
      offset += varint();
    } else if (wireType === 1) {
      offset += 8;
    } else if (wireType === 5) {
      offset += 4;
    } else {
      throw new Error(`unexpected wire type ${wireType} in health response`);
    }
  }
  return status;
}

const STATUS_NAMES = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

const client = new grpc.Client(`${host}:${port}`, grpc.credentials.createInsecure());
client.makeUnaryRequest(
  '/grpc.health.v1.Health/Check',
  encodeRequest,
  decodeStatus,
  service,
  new grpc.Metadata(),
  { deadline: Date.now() + timeoutMs },
  (error, status) => {
    client.close();
    if (error) {
      process.stderr.write(`unhealthy: ${error.message}\n`);
      process.exit(1);
    }
    const name = STATUS_NAMES[status] || String(status);
    if (status !== 1) {
      process.stderr.write(`unhealthy: ${name}\n`);
      process.exit(1);
    }
    process.stdout.write(`${name}\n`);
    process.exit(0);
  },
);
