import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { credentialStore, guardedStorage, memoryArea, type Area, type Vault } from '../../extension/lib/credentials';
import { KEYS } from '../../extension/lib/model';
import { createEngine } from '../../extension/sync/engine';

/**
 * The background's storage (lib/credentials.ts) over WXT's fake `storage.local`, a session
 * area and a vault kept in memory (the browser's IndexedDB in the extension; the e2e
 * trust-boundary run covers the real one): the credential keys never reach `storage.local`.
 */
const local = () => fakeBrowser.storage.local as unknown as Area;
function memoryVault(): Vault & { value: Record<string, string> } {
  const v = { value: {} as Record<string, string>, read: async () => ({ ...v.value }), write: async (x: Record<string, string>) => void (v.value = { ...x }) };
  return v;
}

describe('credentials out of storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps token, API URL and email in session + vault, the rest in storage.local', async () => {
    const session = memoryArea();
    const vault = memoryVault();
    const storage = guardedStorage(local(), credentialStore(session, vault, local()));
    await storage.set({ [KEYS.token]: 'rls_secret', [KEYS.apiUrl]: 'https://api.relais.test', [KEYS.email]: 'a@b.fr', [KEYS.missions]: [] });
    expect(await local().get(null)).toEqual({ [KEYS.missions]: [] });
    expect(await session.get(null)).toEqual({ [KEYS.token]: 'rls_secret', [KEYS.apiUrl]: 'https://api.relais.test', [KEYS.email]: 'a@b.fr' });
    expect(vault.value).toMatchObject({ [KEYS.token]: 'rls_secret', [KEYS.apiUrl]: 'https://api.relais.test' });
    expect(await storage.get([KEYS.token, KEYS.missions])).toEqual({ [KEYS.token]: 'rls_secret', [KEYS.missions]: [] });
    expect(await storage.get(null)).toEqual({ [KEYS.missions]: [] });
    await storage.remove([KEYS.token]);
    expect(await storage.get(KEYS.token)).toEqual({});
    expect(vault.value[KEYS.token]).toBeUndefined();
  });

  it('after a browser restart (empty session) reads the vault; the engine signs its requests with it', async () => {
    const vault = memoryVault();
    await guardedStorage(local(), credentialStore(memoryArea(), vault, local())).set({ [KEYS.token]: 'rls_kept', [KEYS.apiUrl]: 'https://api.relais.test' });
    const storage = guardedStorage(local(), credentialStore(memoryArea(), vault, local()));
    const seen: string[] = [];
    const engine = createEngine({ storage, fetch: async (input, init) => (seen.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`), Response.json({ missions: [] })) });
    await (await engine.api()).missions();
    expect(seen[0]).toMatch(/^https:\/\/api\.relais\.test\/v1\/missions.* Bearer rls_kept$/);
  });

  it('takes over what an older version left in storage.local once, then ignores and removes anything planted there', async () => {
    await local().set({ [KEYS.token]: 'rls_old', [KEYS.apiUrl]: 'https://api.relais.test', [KEYS.email]: 'a@b.fr' });
    const vault = memoryVault();
    const first = guardedStorage(local(), credentialStore(memoryArea(), vault, local()));
    expect(await first.get([KEYS.token, KEYS.apiUrl])).toEqual({ [KEYS.token]: 'rls_old', [KEYS.apiUrl]: 'https://api.relais.test' });
    expect(await local().get(null)).toEqual({});
    // A content script plants its own API URL and token, then the browser restarts.
    await first.remove([KEYS.token]);
    await local().set({ [KEYS.token]: 'rls_attacker', [KEYS.apiUrl]: 'https://attacker.example' });
    const next = guardedStorage(local(), credentialStore(memoryArea(), vault, local()));
    expect(await next.get([KEYS.token, KEYS.apiUrl])).toEqual({ [KEYS.apiUrl]: 'https://api.relais.test' });
    expect(await local().get(null)).toEqual({});
  });
});
