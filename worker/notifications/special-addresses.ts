/**
 * The IANA special-purpose address registries (IPv4: RFC 6890 and updates; IPv6: RFC 6890,
 * 6052, 8215, 3056, 4291, 9637…): none of them is a public receiver for a webhook.
 * https://www.iana.org/assignments/iana-ipv4-special-registry, …/iana-ipv6-special-registry
 */
const V4_SPECIAL: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.31.196.0', 24], ['192.52.193.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['192.175.48.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

/** `a.b.c.d` → its 32-bit value, or null. */
export function parseIpv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** An IPv6 literal (brackets, zone and an embedded dotted quad allowed) → its 8 groups, or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const v4 = parseIpv4(quad[1]!);
    if (v4 === null) return null;
    s = `${s.slice(0, -quad[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(s) || (s.match(/::/g) ?? []).length > 1) return null;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 1) return null;
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

const inV4 = (value: number, [base, bits]: [string, number]) =>
  bits === 0 || value >>> (32 - bits) === parseIpv4(base)! >>> (32 - bits);

/** Whether an IPv4 address (32-bit value) is in a special-purpose range. */
export const isSpecialIpv4 = (value: number): boolean => value === 0xffffffff || V4_SPECIAL.some((r) => inV4(value, r));

/** Whether an IPv6 address (8 groups) is not public: outside 2000::/3, or in a special-purpose range there. */
export function isSpecialIpv6(g: number[]): boolean {
  const v4At = (hi: number) => ((g[hi]! << 16) >>> 0) + g[hi + 1]!;
  if (g.slice(0, 6).every((x) => x === 0)) return true; // ::, ::1, IPv4-compatible ::a.b.c.d
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return true; // IPv4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b) return true; // NAT64 64:ff9b::/96 and the local-use 64:ff9b:1::/48
  if ((g[0]! & 0xe000) !== 0x2000) return true; // not global unicast: fc00::/7, fe80::/10, fec0::/10, ff00::/8, 100::/64…
  if (g[0] === 0x2001 && g[1]! < 0x200) return true; // 2001::/23 IETF protocol assignments (Teredo, ORCHID, benchmarking…)
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true; // documentation
  if (g[0] === 0x2002) return isSpecialIpv4(v4At(1)); // 6to4 carries an IPv4 address: refused when that one is
  if (g[0] === 0x3fff && g[1]! < 0x1000) return true; // 3fff::/20 documentation
  if (g[0] === 0x5f00) return true; // SRv6 SIDs
  return false;
}

/** Whether a resolved address (IPv4 or IPv6 text, as `dns.lookup` gives it) is special-purpose; unparsable → true. */
export function isSpecialAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== null) return isSpecialIpv4(v4);
  const v6 = parseIpv6(address);
  return v6 === null || isSpecialIpv6(v6);
}

/** Whether a resolved address is loopback: 127.0.0.0/8, ::1, or 127/8 mapped into IPv6. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== null) return v4 >>> 24 === 127;
  const g = parseIpv6(address);
  if (!g) return false;
  if (g.slice(0, 7).every((x) => x === 0)) return g[7] === 1;
  return g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff && g[6]! >>> 8 === 127;
}

/**
 * Whether a host (a name, an IPv4 or an IPv6 literal) can be a public receiver by its text:
 * IP literals in no special range, names with a dot outside the reserved suffixes. Names are
 * also resolved before connecting where the platform allows it (see webhook-url.ts).
 */
export function isPublicHostText(host: string): boolean {
  const h = host.toLowerCase().replace(/\.+$/, '');
  const v4 = parseIpv4(h);
  if (v4 !== null) return !isSpecialIpv4(v4);
  if (h.includes(':') || h.startsWith('[')) {
    const v6 = parseIpv6(h);
    return v6 !== null && !isSpecialIpv6(v6);
  }
  if (!h.includes('.')) return false;
  return !/(^|\.)(localhost|local|internal|intranet|lan|home|corp|test|invalid|example|onion|home\.arpa|arpa)$/.test(h);
}
