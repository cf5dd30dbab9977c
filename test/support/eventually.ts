/**
 * Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. For outcomes the
 * service guarantees eventually (a periodic sweep, a cache TTL), never for timing assertions. An error with
 * `final: true` (say, the process under test exited) is rethrown at once: no retry can mend it.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline || (error as { final?: unknown })?.final === true) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
