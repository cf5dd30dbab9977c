import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Largest request metadata accepted (16 KiB): a token and a few headers. */
export const MAX_METADATA_BYTES = 16 * 1024;

/** The caller's `x-request-id` when well-formed, else a new UUID. */
export function requestIdOf(metadata: Metadata): string {
  const offered = metadata.get('x-request-id')[0];
  return typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
}

/**
 * Size of the request metadata as sent: every value of every key (a repeated key, and a `-bin` value that
 * grpc-js split on commas, count each time), binary values as their base64 text, plus the name each time.
 * `getMap()` would keep only the first value of each key. Reads grpc-js' own map of the values (the field
 * `toJSON()` copies from) rather than a copy: this runs on every call.
 */
export function metadataBytes(metadata: Metadata): number {
  const own = (metadata as unknown as { internalRepr?: Map<string, Array<string | Buffer>> }).internalRepr;
  // The public copy, should a grpc-js release rename its field.
  const entries: Iterable<[string, Array<string | Buffer>]> = own instanceof Map ? own : Object.entries(metadata.toJSON());
  let total = 0;
  for (const [key, values] of entries) {
    for (const value of values) total += key.length + (typeof value === 'string' ? Buffer.byteLength(value) : Math.ceil(value.length / 3) * 4);
  }
  return total;
}
