// `npm run keys:rotate -- unsubscribe`: adds a new server key for the purpose to DATABASE_URL (a file:
// URL, or Turso's libsql:// URL with DATABASE_AUTH_TOKEN). The new key signs new links within
// KEY_REFRESH_MS in every running process; links signed with older keys keep working while their rows
// stay in server_keys (delete a row to retire its key and its links).
import { createClient } from '@libsql/client';
import { addServerKey, newServerKeyCache, type KeyPurpose } from '../worker/http/server-keys';

const PURPOSES: KeyPurpose[] = ['unsubscribe'];
const purpose = process.argv[2] as KeyPurpose;
if (!PURPOSES.includes(purpose)) {
  console.error(`usage: npm run keys:rotate -- <${PURPOSES.join('|')}>`);
  process.exit(2);
}
const url = process.env.DATABASE_URL ?? 'file:./data/relais.db';
const client = createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
const keyId = await addServerKey({ client, now: () => new Date(), serverKeys: newServerKeyCache() }, purpose);
console.log(`${purpose}: key ${keyId} added to ${url}; it signs from now on, older keys still verify`);
client.close();
