/** Web Crypto helpers that run the same on Node and Workers. */

const encoder = new TextEncoder();

type SyncHash = { createHash(algorithm: 'sha256'): { update(value: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } } };

/**
 * Node's own hash, synchronous, where the runtime gives it without an import (Node ≥ 20.16;
 * not on Workers, where the bundle must not carry `node:crypto`). On Node `crypto.subtle.digest`
 * sends each hash to the thread pool and back: about 0.1 ms of waiting on every keyed write.
 */
const syncHash = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as SyncHash | undefined;

/** Hex SHA-256 of a string's UTF-8 bytes: how codes and tokens are stored (never in clear). */
export async function sha256Hex(value: string): Promise<string> {
  if (syncHash) return syncHash.createHash('sha256').update(value, 'utf8').digest('hex');
  return sha256HexSubtle(value);
}

/** The same through Web Crypto, as on Workers (exported for the test that compares the two). */
export async function sha256HexSubtle(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes as base64, on Node and Workers alike (no Buffer), in slices so a large blob does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes as unpadded base64url (RFC 4648 §5): safe in a URL path and a query string as they are. */
export function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url text; null when it is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[\w-]*$/.test(text) || text.length % 4 === 1) return null;
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

/** A bearer token: `rls_` (or another prefix: `rlu_` for the unsubscribe links of 2026's mails) and 32 random bytes, base64url. */
export function newToken(prefix = 'rls_'): string {
  return `${prefix}${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A uniformly random 6-digit code (rejection sampling, no modulo bias). */
export function newSixDigitCode(): string {
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const n = buf[0]!;
    if (n < 4_294_000_000) return String(n % 1_000_000).padStart(6, '0');
  }
}

/** Constant-time comparison of two strings of the same length (hex digests, base64url MACs). */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export const newId = (): string => crypto.randomUUID();
