/**
 * Responses whose encoded bytes are kept with them. A method that answers the very same response object
 * again (GetMe answering from the user cache: the same cached account, the same response) marks it with
 * `keepEncoded`; the first encoding is then kept beside the object (a WeakMap: it goes when the response is
 * no longer referenced) and later answers send those bytes without encoding again. grpc-js copies the bytes
 * into each call's frame, so one buffer serves every call. Other responses are encoded as always.
 */
const encodings = new WeakMap<object, Buffer | null>();

/** Marks `response` as answered again unchanged: its encoding is kept after the first call. */
export function keepEncoded<T extends object>(response: T): T {
  encodings.set(response, null);
  return response;
}

type MethodDefinition = { responseSerialize: (value: never) => Buffer };

/** The service definition with serializers that reuse a kept encoding. */
export function withEncodedResponses<T extends Record<string, MethodDefinition>>(definition: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const serialize = method.responseSerialize as (value: object) => Buffer;
    wrapped[name] = {
      ...method,
      responseSerialize: (value: object) => {
        const kept = encodings.get(value);
        if (kept) return kept;
        const bytes = serialize(value);
        if (kept === null) encodings.set(value, bytes);
        return bytes;
      },
    };
  }
  return wrapped as T;
}
