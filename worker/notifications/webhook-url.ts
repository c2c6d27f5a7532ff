import { isLoopbackAddress, isPublicHostText, isSpecialAddress, parseIpv4 } from './special-addresses';

export type WebhookPolicy = 'public-https' | 'allow-loopback';
/** Every address a name resolves to (Node: `dns.lookup(host, {all: true})`). */
export type ResolveHost = (host: string) => Promise<string[]>;

/** A URL's host as compared: lower case, without brackets and trailing dots (`localhost.` is localhost). */
export const hostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');

/** The loopback names and literals the local default lets people test with. */
export const isLoopbackHostText = (host: string): boolean =>
  host === 'localhost' || host === '::1' || (parseIpv4(host) !== null && isLoopbackAddress(host));

/**
 * Which URLs may receive webhooks, by their text. On Workers only `https` to a public host: no
 * IP literal in an IANA special-purpose range (see special-addresses.ts; the URL parser has
 * already turned decimal, octal and hex IPv4 forms into dotted quads), no `localhost` or
 * internal names (a webhook must not become a way to probe someone's network). On the local
 * default (`allow-loopback`), `http://127.0.0.1`, `http://[::1]` and `http://localhost` are
 * allowed too, so a freelancer can point a webhook at a script on their machine.
 * Returns the reason a URL is refused, or null. Names are also resolved: {@link webhookTargetProblem}.
 */
export function webhookUrlProblem(raw: string, policy: WebhookPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const host = hostOf(url);
  const loopback = isLoopbackHostText(host);
  if (loopback && policy === 'allow-loopback') return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  if (url.protocol !== 'https:') return policy === 'allow-loopback' ? 'must be https (http only to 127.0.0.1 or localhost)' : 'must be https';
  if (loopback || !isPublicHostText(host)) return 'must point to a public host';
  return null;
}

/**
 * Why the addresses a host resolved to may not be connected to, or null: every one must be
 * public, or, for a loopback name on the local default, every one loopback.
 */
export function resolvedAddressProblem(host: string, addresses: string[], policy: WebhookPolicy): string | null {
  const loopbackOnly = policy === 'allow-loopback' && isLoopbackHostText(host);
  const bad = addresses.find((a) => (loopbackOnly ? !isLoopbackAddress(a) : isSpecialAddress(a)));
  return bad === undefined ? null : `must point to a public host (${host} resolves to ${bad})`;
}

/**
 * The text check, then, where the platform can resolve names (`resolve`), every address the
 * host resolves to. A name that does not resolve now is not refused here: the connection
 * checks again the addresses it actually uses (node-egress.ts), at every delivery.
 */
export async function webhookTargetProblem(raw: string, policy: WebhookPolicy, resolve?: ResolveHost): Promise<string | null> {
  const problem = webhookUrlProblem(raw, policy);
  if (problem || !resolve) return problem;
  const host = hostOf(new URL(raw));
  // An IP literal is its own address: the text check was the whole check.
  if (parseIpv4(host) !== null || host.includes(':')) return null;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return null;
  }
  return resolvedAddressProblem(host, addresses, policy);
}
