/**
 * Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. For outcomes the
 * service guarantees eventually (a periodic sweep, a cache TTL), never for timing assertions.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
