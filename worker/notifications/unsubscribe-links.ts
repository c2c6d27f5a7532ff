import type { Deps } from '../deps';
import { base64url, fromBase64url, sha256Hex, timingSafeEqual } from '../http/crypto';
import { hmac, signingKey, verifyingKey } from '../http/server-keys';

/** 128 bits of HMAC-SHA-256: a forger must guess them online, one request per try. */
const MAC_BYTES = 16;
/** `rlk_<key id>.<user id, base64url>.<MAC, base64url>`: URL-safe as it is, under the route's 100 characters for a UUID. */
const SIGNED = /^rlk_([1-9]\d{0,5})\.([\w-]{1,64})\.([\w-]{22})$/;

/**
 * The one-click unsubscribe token of a user's notification mails: the user id signed with the
 * server's `unsubscribe` key (worker/http/server-keys.ts), so a mail adds no row anywhere. Like
 * the `rlu_` tokens before it, it names the user, not a mail or an event type: the link's
 * `?type=` chooses what stops (without it, every notification email).
 * @example await unsubscribeToken(deps, userId) // 'rlk_1.ZjQ3….q8Xw…'
 */
export async function unsubscribeToken(deps: Deps, userId: string): Promise<string> {
  const { keyId, key } = await signingKey(deps, 'unsubscribe');
  const signed = `rlk_${keyId}.${base64url(new TextEncoder().encode(userId))}`;
  return `${signed}.${await hmac(key, signed, MAC_BYTES)}`;
}

/** The user a signed token names, or null: malformed, unknown key id, or a MAC that is not the key's. */
async function signedTokenUser(deps: Deps, token: string): Promise<string | null> {
  const m = SIGNED.exec(token);
  if (!m) return null;
  const key = await verifyingKey(deps, 'unsubscribe', Number(m[1]));
  if (!key) return null;
  const signed = token.slice(0, token.lastIndexOf('.'));
  if (!timingSafeEqual(await hmac(key, signed, MAC_BYTES), m[3]!)) return null;
  const bytes = fromBase64url(m[2]!);
  try {
    return bytes ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * Whose unsubscribe link this is: signed `rlk_` tokens by their MAC; the `rlu_` tokens mailed
 * before them by their hash in unsubscribe_tokens (no longer written, kept for those mails); the
 * oldest mails' clear `rls_` tokens as notification_settings stored them. Anything else: null.
 */
export async function unsubscribeTokenUser(deps: Deps, token: string): Promise<string | null> {
  if (token.startsWith('rlk_')) return signedTokenUser(deps, token);
  const rs = token.startsWith('rlu_')
    ? await deps.client.execute({ sql: 'SELECT user_id FROM unsubscribe_tokens WHERE token_hash = ?', args: [await sha256Hex(token)] })
    : token.startsWith('rls_')
      ? await deps.client.execute({ sql: 'SELECT user_id FROM notification_settings WHERE unsubscribe_token = ?', args: [token] })
      : { rows: [] };
  return rs.rows[0] ? String(rs.rows[0].user_id) : null;
}
