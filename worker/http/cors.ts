import { createMiddleware } from 'hono/factory';

const ALLOW_METHODS = 'GET,HEAD,PUT,POST,DELETE,PATCH';
const ALLOW_HEADERS = 'Authorization,Content-Type,If-Match,Idempotency-Key';
const EXPOSE_HEADERS = 'ETag,Idempotent-Replayed';
const MAX_AGE = '600';

/**
 * CORS for the extension's pages and any browser client: the caller's origin is reflected
 * (every route is authenticated by bearer token, never by cookie, so no credentials are
 * allowed), preflights answer 204.
 *
 * Why not `hono/cors`: it writes its headers through `c.res.headers`, which makes Hono
 * create an empty Response before the handler runs, copy the handler's Response into a new
 * one afterwards, and copy it once more to append `Vary` — three extra Response objects
 * (each with a body stream on Node) on every request, about 6 % of a CRA write. Here the
 * headers are prepared before the handler (Hono puts them on the Response it builds), and
 * only a handler that builds its own Response gets them added afterwards.
 */
export const cors = createMiddleware(async (c, next) => {
  const origin = c.req.header('origin');
  if (c.req.method === 'OPTIONS') {
    const headers: Record<string, string> = {
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': MAX_AGE,
      Vary: 'Origin',
    };
    if (origin) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
    }
    return c.body(null, 204, headers);
  }
  c.header('Vary', 'Origin');
  if (origin) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  }
  await next();
  if (!origin || c.res.headers.has('access-control-allow-origin')) return;
  // The handler answered with a Response of its own (a replayed answer, another Worker's).
  let headers = c.res.headers;
  try {
    headers.set('Vary', 'Origin');
  } catch {
    // Immutable headers (a Response from fetch): copy it once.
    c.res = new Response(c.res.body, c.res);
    headers = c.res.headers;
    headers.set('Vary', 'Origin');
  }
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
});
