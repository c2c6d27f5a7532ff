/**
 * The key the sign-in limits count a client under: an IPv4 address as is, an IPv6 address
 * by its /64 (one subscriber's network: a host picks any address inside it at will).
 * @example addressScope('2001:db8:1:2:aa::1') // '2001:db8:1:2::/64'
 */
export function addressScope(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(':')) return a || undefined;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * The client address behind a proxy chain we were told to trust: the last hop of
 * `X-Forwarded-For` (the address our own proxy saw), never the client-written first entry.
 */
export function forwardedAddress(header: string | null | undefined): string | undefined {
  const hops = (header ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return hops[hops.length - 1];
}
