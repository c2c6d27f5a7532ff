import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, resolvedAddressProblem, webhookUrlProblem, type ResolveHost, type WebhookPolicy } from './webhook-url';

/** `dns.lookup(host, {all: true})`: every address, as the connection would see them. */
export const resolveAll: ResolveHost = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, list) => (err ? reject(err) : resolve(list.map((a) => a.address)))));

/**
 * The connection's own `lookup`: resolves every address, refuses the connection when any of
 * them is not allowed, and hands the checked ones to the socket. So the address checked is the
 * address connected to (a name that rebinds between the check and the connection cannot slip
 * through). IP literals never reach it: their text was checked before.
 */
export function checkedLookup(host: string, policy: WebhookPolicy, resolve: ResolveHost = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then((all) => {
      const family = options.family === 4 || options.family === 6 ? options.family : 0;
      const addresses: LookupAddress[] = all.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      const usable = family ? addresses.filter((a) => a.family === family) : addresses;
      const problem = resolvedAddressProblem(host, all, policy);
      if (problem) return callback(Object.assign(new Error(`refused: url ${problem}`), { code: 'ERR_WEBHOOK_ADDRESS' }), '', 4);
      if (!usable.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    }, (e: NodeJS.ErrnoException) => callback(e, '', 4));
  };
}

/**
 * Outgoing webhook POSTs on Node: the URL's text is checked again, then node:http(s) connects
 * through {@link checkedLookup}. No redirects are followed. The answer's body is discarded.
 */
export function webhookFetch(policy: WebhookPolicy, resolve: ResolveHost = resolveAll): typeof fetch {
  return (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const problem = webhookUrlProblem(url.href, policy);
    if (problem) return Promise.reject(new Error(`refused: url ${problem}`));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    return new Promise<Response>((done, fail) => {
      const lookup = checkedLookup(hostOf(url), policy, resolve);
      const req = send(url, { method: init.method ?? 'GET', headers, lookup, signal: init.signal ?? undefined }, (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) return fail(new Error(`unexpected HTTP status ${status}`));
        done(new Response(null, { status }));
      });
      req.on('error', (e) => fail(init.signal?.aborted ? init.signal.reason : e));
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}
