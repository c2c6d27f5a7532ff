/**
 * Finding a Relais API running on this computer: `npm start` listens on 127.0.0.1:8787 by
 * default, on `PORT` otherwise. The options page asks the background (which alone talks to
 * the network) to try the common ports' `GET /health`, and offers what answered.
 */
export const COMMON_PORTS: readonly number[] = [8787, 8788, 8789, 3000, 3001, 8080, 8000, 5173, 4000];

/** A Relais health answer: `{ ok: true }` as JSON (worker/app.ts). */
async function isRelais(res: Response): Promise<boolean> {
  if (!res.ok || !/json/.test(res.headers.get('content-type') ?? '')) return false;
  const body = (await res.json().catch(() => null)) as { ok?: unknown } | null;
  return body?.ok === true;
}

/**
 * The local addresses where a Relais API answers, in `ports` order, each tried once with a
 * short timeout (all at once: a closed port answers at once, a filtered one times out).
 * @example await detectLocalApis(fetch) // ['http://127.0.0.1:8788']
 */
export async function detectLocalApis(fetcher: typeof fetch, ports: readonly number[] = COMMON_PORTS, timeoutMs = 1200, also: readonly string[] = []): Promise<string[]> {
  // `also`: addresses tried first (the one saved in the options, on a port the list does not have).
  const bases = [...new Set([...also.map((u) => u.replace(/\/+$/, '')), ...ports.map((port) => `http://127.0.0.1:${port}`)])];
  const tries = bases.map(async (base) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return (await isRelais(await fetcher(`${base}/health`, { signal: controller.signal, cache: 'no-store' }))) ? base : null;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  });
  return (await Promise.all(tries)).filter((u): u is string => u !== null);
}
