/**
 * Which URLs may receive webhooks. On Workers only `https` to a public host: no IP
 * literals in private, loopback, link-local or reserved ranges, no `localhost` or internal
 * names (a webhook must not become a way to probe someone's network). On the local
 * default (`allow-loopback`), `http://127.0.0.1`, `http://[::1]` and `http://localhost`
 * are allowed too, so a freelancer can point a webhook at a script on their machine.
 * Returns the reason a URL is refused, or null.
 */
export function webhookUrlProblem(raw: string, policy: 'public-https' | 'allow-loopback'): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (loopback && policy === 'allow-loopback') return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  if (url.protocol !== 'https:') return policy === 'allow-loopback' ? 'must be https (http only to 127.0.0.1 or localhost)' : 'must be https';
  if (loopback || !isPublicHost(host)) return 'must point to a public host';
  return null;
}

function isPublicHost(host: string): boolean {
  if (!host.includes('.') && !host.includes(':')) return false;
  if (/\.(localhost|local|internal|intranet|lan|home|corp|test|invalid|example)$/.test(host)) return false;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
    if (a === 198 && (b === 18 || b === 19)) return false;
    return true;
  }
  if (host.includes(':')) {
    // IPv6 literal: refuse unique-local, link-local, loopback, unspecified and IPv4-mapped.
    return !/^(::|::1|f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:|::ffff:)/.test(host);
  }
  return true;
}
