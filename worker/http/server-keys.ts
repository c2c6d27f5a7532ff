import type { Deps } from '../deps';
import { base64url, fromBase64url } from './crypto';

/** What a server key is for; each purpose has its own keys, so a MAC made for one never passes for another. */
export type KeyPurpose = 'unsubscribe';

/**
 * How long a process trusts the keys it read before reading `server_keys` again: a key added by a
 * rotation signs everywhere within this time, a deleted one stops verifying within it.
 */
export const KEY_REFRESH_MS = 10 * 60_000;

type Loaded = { loadedAt: number; newest: number; keys: Map<number, CryptoKey> };

/**
 * The keys one process (a Node server, a Workers isolate) has read, per purpose. The entry points
 * create one per database (Workers: per isolate, not per request), so a mail costs no key query.
 */
export type ServerKeyCache = Map<KeyPurpose, Loaded>;
export const newServerKeyCache = (): ServerKeyCache => new Map();

type KeyDeps = Pick<Deps, 'client' | 'now' | 'serverKeys'>;

const newSecret = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function load(deps: KeyDeps, purpose: KeyPurpose): Promise<Loaded> {
  const rs = await deps.client.execute({ sql: 'SELECT key_id, secret FROM server_keys WHERE purpose = ? ORDER BY key_id', args: [purpose] });
  const keys = new Map<number, CryptoKey>();
  for (const r of rs.rows) {
    const raw = fromBase64url(String(r.secret));
    if (!raw || raw.length < 32) throw new Error(`server_keys: ${purpose} key ${String(r.key_id)} is not 32 base64url bytes`);
    keys.set(Number(r.key_id), await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  }
  const loaded = { loadedAt: deps.now().getTime(), newest: Math.max(0, ...keys.keys()), keys };
  deps.serverKeys.set(purpose, loaded);
  return loaded;
}

function cached(deps: KeyDeps, purpose: KeyPurpose): Loaded | undefined {
  const c = deps.serverKeys.get(purpose);
  const age = c ? deps.now().getTime() - c.loadedAt : Infinity;
  return age >= 0 && age < KEY_REFRESH_MS ? c : undefined;
}

/**
 * The key that signs now: the highest `key_id` of the purpose. The first one is created on first
 * need (`INSERT OR IGNORE` of key 1, then read back), so processes racing to create it share one.
 */
export async function signingKey(deps: KeyDeps, purpose: KeyPurpose): Promise<{ keyId: number; key: CryptoKey }> {
  let c = cached(deps, purpose) ?? (await load(deps, purpose));
  if (!c.keys.size) {
    await deps.client.execute({
      sql: 'INSERT OR IGNORE INTO server_keys (purpose, key_id, secret, created_at) VALUES (?, 1, ?, ?)',
      args: [purpose, newSecret(), deps.now().toISOString()],
    });
    c = await load(deps, purpose);
  }
  return { keyId: c.newest, key: c.keys.get(c.newest)! };
}

/**
 * The stored key `keyId` of the purpose, or null. An id above the newest this process knows is
 * looked up again (another process may have rotated); a lower one absent from the table was
 * retired or never existed, and costs no query.
 */
export async function verifyingKey(deps: KeyDeps, purpose: KeyPurpose, keyId: number): Promise<CryptoKey | null> {
  let c = cached(deps, purpose);
  if (!c || keyId > c.newest) c = await load(deps, purpose);
  return c.keys.get(keyId) ?? null;
}

/**
 * Rotation: a new random key with the next id, which signs from now on (in every other process
 * within KEY_REFRESH_MS); older keys keep verifying until their row is deleted.
 * @example await addServerKey(deps, 'unsubscribe') // → 2
 */
export async function addServerKey(deps: KeyDeps, purpose: KeyPurpose): Promise<number> {
  const rs = await deps.client.execute({
    sql: 'INSERT INTO server_keys (purpose, key_id, secret, created_at) SELECT ?, coalesce(max(key_id), 0) + 1, ?, ? FROM server_keys WHERE purpose = ? RETURNING key_id',
    args: [purpose, newSecret(), deps.now().toISOString(), purpose],
  });
  deps.serverKeys.delete(purpose);
  return Number(rs.rows[0]!.key_id);
}

/** HMAC-SHA-256 of `message` under `key`, the first `bytes` bytes, base64url. */
export async function hmac(key: CryptoKey, message: string, bytes: number): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
  return base64url(mac.subarray(0, bytes));
}
