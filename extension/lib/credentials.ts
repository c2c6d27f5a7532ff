import { KEYS } from './model';

/**
 * Where the token, the API URL and the signed-in email live: never in `storage.local`, which
 * content scripts can read and write. The live copy is in `storage.session` with the access
 * level `TRUSTED_CONTEXTS` (the extension's pages and the background only; the default for
 * session, set again explicitly); the persisted copy, which outlives a browser restart, is in
 * the IndexedDB of the extension's origin, which content scripts, running in the page's
 * origin, cannot open. The background reads them through {@link guardedStorage}, so the sync
 * engine and the portal handlers keep their one `StorageArea`.
 */
export const CREDENTIAL_KEYS: readonly string[] = [KEYS.token, KEYS.apiUrl, KEYS.email];

export type Area = {
  get(keys?: string | string[] | null): Promise<Record<string, any>>;
  set(items: Record<string, any>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
};

/** The persisted copy: one record in an object store of the extension origin's IndexedDB. */
export type Vault = { read(): Promise<Record<string, string>>; write(value: Record<string, string>): Promise<void> };

export function indexedDbVault(name = 'relais-credentials'): Vault {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('kv');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const run = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction('kv', mode);
        const req = act(tx.objectStore('kv'));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  };
  return {
    read: async () => ((await run('readonly', (s) => s.get('credentials'))) as Record<string, string> | undefined) ?? {},
    write: async (value) => void (await run('readwrite', (s) => s.put(value, 'credentials'))),
  };
}

/** A session area the browser may lack (Firefox before 115): then a map in the background's memory. */
export function memoryArea(): Area {
  const m = new Map<string, unknown>();
  const pick = (keys?: string | string[] | null) => (keys == null ? [...m.keys()] : typeof keys === 'string' ? [keys] : keys);
  return {
    get: async (keys) => Object.fromEntries(pick(keys).filter((k) => m.has(k)).map((k) => [k, m.get(k)])),
    set: async (items) => void Object.entries(items).forEach(([k, v]) => m.set(k, v)),
    remove: async (keys) => void pick(keys).forEach((k) => m.delete(k)),
  };
}

/** Marks the vault as written by this version: what `storage.local` holds is never taken again. */
const MIGRATED = 'migrated';
const strings = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

/**
 * The credentials over `session` (live copy) and `vault` (persisted copy). The vault is read
 * once per background start when the session copy is empty (after a browser restart). On the
 * very first start of this version, credentials an older version left in `local` are taken over
 * once (later, anything under those keys in `local` was written by someone else: ignored).
 */
export function credentialStore(session: Area, vault: Vault, local: Area) {
  const keys = CREDENTIAL_KEYS as string[];
  let loaded: Promise<void> | null = null;
  const load = () =>
    (loaded ??= (async () => {
      if (Object.keys(await session.get(keys)).length) return;
      const kept = await vault.read();
      const found = kept[MIGRATED] ? strings(kept) : strings(await local.get(keys));
      delete found[MIGRATED];
      if (Object.keys(found).length) await session.set(found);
      if (!kept[MIGRATED]) await vault.write({ ...found, [MIGRATED]: '1' });
    })());
  const persist = async () => vault.write({ ...strings(await session.get(keys)), [MIGRATED]: '1' });
  return {
    get: async (list: string[]) => (await load(), session.get(list)),
    set: async (items: Record<string, string>) => {
      await load();
      await session.set(items);
      await persist();
    },
    remove: async (list: string[]) => {
      await load();
      await session.remove(list);
      await persist();
    },
    /** Waits for the first load (and the one-time take-over). */
    ready: () => load(),
  };
}
export type CredentialStore = ReturnType<typeof credentialStore>;

/**
 * `storage.local` for everything but the credential keys, which go to `creds`. Anything under a
 * credential key in `storage.local` is removed at start (after the one-time take-over).
 */
export function guardedStorage(local: Area, creds: CredentialStore): Area {
  const isCred = (k: string) => CREDENTIAL_KEYS.includes(k);
  const ready = creds.ready().then(() => local.remove(CREDENTIAL_KEYS as string[]));
  return {
    async get(keys) {
      await ready;
      if (keys == null) {
        const all = await local.get(null);
        for (const k of CREDENTIAL_KEYS) delete all[k];
        return all;
      }
      const list = typeof keys === 'string' ? [keys] : keys;
      const [plain, secret] = [list.filter((k) => !isCred(k)), list.filter(isCred)];
      return { ...(plain.length ? await local.get(plain) : {}), ...(secret.length ? await creds.get(secret) : {}) };
    },
    async set(items) {
      await ready;
      const entries = Object.entries(items);
      const secret = Object.fromEntries(entries.filter(([k]) => isCred(k)));
      const plain = Object.fromEntries(entries.filter(([k]) => !isCred(k)));
      if (Object.keys(plain).length) await local.set(plain);
      if (Object.keys(secret).length) await creds.set(secret);
    },
    async remove(keys) {
      await ready;
      const list = typeof keys === 'string' ? [keys] : keys;
      if (list.some((k) => !isCred(k))) await local.remove(list.filter((k) => !isCred(k)));
      if (list.some(isCred)) await creds.remove(list.filter(isCred));
    },
  };
}
