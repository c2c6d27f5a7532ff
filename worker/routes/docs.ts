import { Hono } from '../http/hono';
import type { AppEnv } from '../deps';
import { REQUEST_BODY_SCHEMAS } from '../openapi-bodies.generated';
import { buildOpenApiDocument, operationKey } from '../openapi';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Relais API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:920px;margin:2rem auto;padding:0 1rem;color:#1d2330}code,pre{background:#f3f4f7;border-radius:4px}pre{padding:.75rem;overflow:auto;font-size:13px}h2{margin-top:2rem;border-bottom:1px solid #dde}.m{display:inline-block;min-width:4.2rem;font-weight:600}.auth{color:#777;font-size:13px}</style></head>
<body><h1>Relais API</h1><p>JSON over HTTPS. Bearer token auth (<code>Authorization: Bearer rls_…</code>) except where noted. Errors are always <code>{"error":{"code","message","issues"?}}</code>. Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a>.</p><div id="ops">Loading…</div>
<script>fetch('/v1/openapi.json').then(r=>r.json()).then(d=>{const el=document.getElementById('ops');el.innerHTML='';for(const [p,ops] of Object.entries(d.paths)){for(const [m,op] of Object.entries(ops)){const s=document.createElement('section');s.innerHTML='<h2><span class="m">'+m.toUpperCase()+'</span> <code></code></h2><p></p>'+(op.security&&op.security.length===0?'<p class="auth">No authentication</p>':'');s.querySelector('code').textContent=p;s.querySelector('p').textContent=op.summary||'';const b=op.requestBody&&op.requestBody.content['application/json'].schema;if(b){const pre=document.createElement('pre');pre.textContent=JSON.stringify(b,null,2);s.appendChild(pre)}el.appendChild(s)}}})</script></body></html>`;

let served: ReturnType<typeof buildOpenApiDocument> | undefined;

/**
 * The OpenAPI document, built once. The request bodies' JSON Schemas were converted from the
 * valibot schemas at build time (`npm run openapi:generate`), which keeps
 * `@valibot/to-json-schema` off the Worker's bundle; worker/openapi.test.ts checks that this
 * is the document the schemas give.
 */
export function openApiDocument() {
  return (served ??= buildOpenApiDocument((op) => REQUEST_BODY_SCHEMAS[operationKey(op)]));
}

/** The OpenAPI document and a readable reference page. */
export const docsRoutes = new Hono<AppEnv>()
  .get('/v1/openapi.json', (c) => c.json(openApiDocument(), 200))
  .get('/docs', (c) => c.html(page));
