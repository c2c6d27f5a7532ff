import { createApi, type Api, type ApiResult } from './api';
import { craKey, DEFAULT_API_URL, emptyRecord, effectiveContent, KEYS, type CraContent, type CraRecord, type ServerCra, type Status } from '../lib/model';

/**
 * The offline-first sync queue. Every edit is written to `storage.local` at once (so it
 * survives the service worker being killed and the browser restarting), coalesced per
 * mission-month (the latest days and lines win; one PUT per flush), then pushed with an
 * `Idempotency-Key` (a retry after a lost answer is replayed, not applied twice) and
 * `If-Match: <revision>` (the API answers 412 when the CRA changed elsewhere). A 412 keeps
 * both versions until the user chooses. Transient failures retry with exponential backoff.
 * A Submit is queued the same way (record.submit) and sent after the month's edits.
 */

/** The subset of `browser.storage.local` the queue uses (WXT's fake browser in tests). */
export type StorageArea = {
  get(keys?: string | string[] | null): Promise<Record<string, any>>;
  set(items: Record<string, any>): Promise<void>;
};

export type EngineDeps = {
  storage: StorageArea;
  fetch: typeof fetch;
  now?: () => number;
  newKey?: () => string;
  /** Asks to be woken in `ms` to retry (a timer while alive; the alarm is the backstop). */
  wakeIn?: (ms: number) => void;
  /** Told after every change of what the badge counts. */
  onChange?: () => void;
  /** Told after a flush that pushed something: the figures computed from the CRAs (the order's consumption, the dashboard) have moved. */
  onPushed?: () => void;
};

export type FlushReport = { pushed: number; pending: number; conflicts: number; errors: number; offline: boolean };

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s … capped at 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

/** Failures worth retrying: network down, server trouble, throttling, timeouts. */
const transient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

export function sameContent(a: CraContent, b: CraContent): boolean {
  return canonical(a) === canonical(b);
}

function canonical(c: CraContent): string {
  const days = Object.entries(c.days)
    .filter(([, q]) => q !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify([days, c.lines ?? []]);
}

const contentOf = (cra: ServerCra): CraContent => ({ days: cra.days, lines: cra.lines as CraContent['lines'] });

export function createEngine(deps: EngineDeps) {
  const { storage } = deps;
  const now = deps.now ?? (() => Date.now());
  const newKey = deps.newKey ?? (() => crypto.randomUUID());
  const changed = () => deps.onChange?.();

  // Every read-modify-write of a record runs in this chain, so a click during a PUT is never lost.
  let chain: Promise<unknown> = Promise.resolve();
  function locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  async function api(): Promise<Api> {
    const s = await storage.get([KEYS.apiUrl, KEYS.token]);
    return createApi({ baseUrl: s[KEYS.apiUrl] ?? DEFAULT_API_URL, token: s[KEYS.token] ?? null, fetch: deps.fetch });
  }

  async function read(missionId: string, month: string): Promise<CraRecord> {
    const key = craKey(missionId, month);
    return ((await storage.get(key))[key] as CraRecord | undefined) ?? emptyRecord(missionId, month);
  }
  const write = (r: CraRecord) => storage.set({ [craKey(r.missionId, r.month)]: r });

  async function noteStatus(res: ApiResult<unknown>) {
    const prev = ((await storage.get(KEYS.status))[KEYS.status] as Status | undefined) ?? { online: true, lastError: null, lastSyncAt: null };
    const next: Status = res.status === 0 ? { ...prev, online: false, lastError: res.ok ? null : res.error.message } : { online: true, lastError: res.ok ? null : prev.lastError, lastSyncAt: res.ok ? now() : prev.lastSyncAt };
    if (JSON.stringify(prev) !== JSON.stringify(next)) await storage.set({ [KEYS.status]: next });
  }

  /** Records an edit locally (at once) and schedules a push. */
  async function edit(missionId: string, month: string, content: CraContent): Promise<CraRecord> {
    const record = await locked(async () => {
      const r = await read(missionId, month);
      if (r.submit) throw coded('submit_pending', 'This month is being submitted: cancel the submit to edit it');
      const next: CraContent = { days: { ...content.days }, lines: [...(content.lines ?? [])] };
      r.localVersion += 1;
      r.attempts = 0;
      r.nextAttemptAt = 0;
      r.error = null;
      if (!r.conflict && r.server && r.server.revision === r.revision && sameContent(next, contentOf(r.server))) {
        // Back to what the server has: nothing to push.
        r.local = null;
        r.idempotencyKey = null;
      } else {
        r.local = next;
        r.idempotencyKey = newKey();
      }
      await write(r);
      return r;
    });
    changed();
    void flush();
    return record;
  }

  let flushing: Promise<FlushReport> | null = null;
  let again = false;

  let forceNext = false;

  /**
   * Pushes every due record; concurrent calls share one run (and ask for one more pass).
   * `force` ignores the backoff: the user asked, or the API just answered.
   */
  function flush(options: { force?: boolean } = {}): Promise<FlushReport> {
    if (options.force) forceNext = true;
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = (async () => {
      let report: FlushReport;
      do {
        again = false;
        const force = forceNext;
        forceNext = false;
        report = await flushOnce(force);
      } while (again);
      return report;
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  async function records(): Promise<CraRecord[]> {
    const all = await storage.get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith('cra:'))
      .map(([, v]) => v as CraRecord);
  }

  async function flushOnce(force: boolean): Promise<FlushReport> {
    let pushed = 0;
    let offline = false;
    const isDue = (r: CraRecord) => !r.conflict && !r.error && (force || r.nextAttemptAt <= now());
    const count = (outcome: string) => {
      if (outcome === 'pushed') pushed++;
      if (outcome === 'offline') offline = true;
    };
    // Edits first, then submits in the order they were asked for: a submit goes out on the
    // revision its month's edits produced.
    for (const r of (await records()).filter((r) => r.local && isDue(r))) count(await push(r.missionId, r.month));
    const submits = (await records()).filter((r) => r.submit && !r.local && isDue(r)).sort((a, b) => a.submit!.queuedAt - b.submit!.queuedAt);
    for (const r of submits) count(offline ? await retryLater(r.missionId, r.month, true) : await pushSubmit(r.missionId, r.month));
    const after = await records();
    const pending = after.filter((r) => r.local || r.submit);
    const waiting = pending.filter((r) => !r.conflict && !r.error);
    if (waiting.length) {
      const next = Math.min(...waiting.map((r) => r.nextAttemptAt));
      deps.wakeIn?.(Math.max(0, next - now()));
    }
    if (pushed) {
      changed();
      deps.onPushed?.();
    }
    return { pushed, pending: pending.length, conflicts: after.filter((r) => r.conflict).length, errors: after.filter((r) => r.error || r.submitError).length, offline };
  }

  async function push(missionId: string, month: string): Promise<'pushed' | 'conflict' | 'offline' | 'error' | 'skip'> {
    const snap = await locked(async () => {
      const r = await read(missionId, month);
      if (!r.local || r.conflict || r.error) return null;
      if (!r.idempotencyKey) r.idempotencyKey = newKey();
      r.lastSent = r.local;
      await write(r);
      return { content: r.local, version: r.localVersion, revision: r.revision, key: r.idempotencyKey };
    });
    if (!snap) return 'skip';
    const client = await api();
    const res = await client.putCra(missionId, month, snap.content, snap.revision, snap.key);
    await noteStatus(res);
    let serverNow: ServerCra | null = null;
    if (!res.ok && res.status === 412) {
      const fresh = await client.getCra(missionId, month);
      await noteStatus(fresh);
      if (!fresh.ok) return retryLater(missionId, month, fresh.status === 0);
      serverNow = fresh.value;
    }
    return locked(async () => {
      const r = await read(missionId, month);
      const accepted = res.ok ? res.value : serverNow && sameContent(contentOf(serverNow), snap.content) ? serverNow : null;
      if (accepted) {
        // Either the PUT succeeded, or an earlier answer was lost and the server already holds our content.
        r.server = accepted;
        r.revision = accepted.revision;
        r.syncedAt = now();
        r.attempts = 0;
        r.nextAttemptAt = 0;
        if (r.localVersion === snap.version) {
          r.local = null;
          r.idempotencyKey = null;
          r.lastSent = null;
        } else {
          again = true; // the user edited during the PUT: push that too, on the new revision
        }
        await write(r);
        return 'pushed';
      }
      if (serverNow) {
        r.conflict = serverNow;
        await write(r);
        return 'conflict';
      }
      if (!res.ok && (transient(res.status) || res.status === 401)) {
        r.attempts += 1;
        r.nextAttemptAt = now() + backoffMs(r.attempts);
        await write(r);
        return res.status === 0 ? 'offline' : 'error';
      }
      r.error = res.ok ? null : res.error;
      await write(r);
      return 'error';
    });
  }

  function retryLater(missionId: string, month: string, offline: boolean) {
    return locked(async () => {
      const r = await read(missionId, month);
      r.attempts += 1;
      r.nextAttemptAt = now() + backoffMs(r.attempts);
      await write(r);
      return offline ? ('offline' as const) : ('error' as const);
    });
  }

  /** Reads the month from the API; pending edits stay on top of it. Offline: the cached record. */
  async function load(missionId: string, month: string): Promise<CraRecord> {
    const res = await (await api()).getCra(missionId, month);
    await noteStatus(res);
    return locked(async () => {
      const r = await read(missionId, month);
      if (!res.ok) return r;
      // An answer older than what a concurrent push stored (revisions only grow) is not news.
      if (r.server && res.value.revision < r.server.revision) return r;
      if (!r.local) {
        r.server = res.value;
        r.revision = res.value.revision;
        r.error = null;
      } else if (!r.conflict) {
        r.server = r.server && r.server.revision === r.revision ? r.server : res.value;
      }
      r.syncedAt = now();
      await write(r);
      return r;
    });
  }

  /**
   * The user's answer to a conflict (or to a refused push): `mine` re-sends their version on
   * the server's revision; `theirs` drops their edits and takes the server's.
   */
  async function resolve(missionId: string, month: string, choice: 'mine' | 'theirs'): Promise<CraRecord> {
    const r = await locked(async () => {
      const rec = await read(missionId, month);
      const theirs = rec.conflict;
      if (choice === 'mine' && theirs && rec.local) {
        rec.server = theirs;
        rec.revision = theirs.revision;
        rec.idempotencyKey = newKey();
        rec.attempts = 0;
        rec.nextAttemptAt = 0;
      } else if (choice === 'theirs') {
        if (theirs) {
          rec.server = theirs;
          rec.revision = theirs.revision;
        }
        rec.local = null;
        rec.idempotencyKey = null;
        rec.lastSent = null;
        // The user now sees the server's version: a Submit asked for on theirs is void.
        rec.submit = null;
      }
      rec.conflict = null;
      rec.error = null;
      await write(rec);
      return rec;
    });
    changed();
    if (choice === 'mine') await flush();
    else if (!r.server) return load(missionId, month);
    return read(missionId, month);
  }

  /**
   * Queues the month's Submit (offline first, like an edit): stored at once with its
   * Idempotency-Key, sent by the next flush after the month's pending edits.
   */
  async function submit(missionId: string, month: string): Promise<CraRecord> {
    const record = await locked(async () => {
      const r = await read(missionId, month);
      if (r.conflict) throw coded('conflict', 'This month changed elsewhere: choose a version first');
      const state = r.server?.state ?? 'draft';
      if (state !== 'draft' && state !== 'refused') throw coded('cra_locked', `This month is already ${state}`);
      if (!r.submit) r.submit = { idempotencyKey: newKey(), content: effectiveContent(r), queuedAt: now() };
      r.submitError = null;
      r.attempts = 0;
      r.nextAttemptAt = 0;
      await write(r);
      return r;
    });
    changed();
    void flush();
    return record;
  }

  /** Drops a queued Submit that has not reached the API yet; the month is editable again. */
  async function cancelSubmit(missionId: string, month: string): Promise<CraRecord> {
    return locked(async () => {
      const r = await read(missionId, month);
      r.submit = null;
      r.submitError = null;
      await write(r);
      return r;
    });
  }

  async function pushSubmit(missionId: string, month: string): Promise<'pushed' | 'offline' | 'error' | 'skip'> {
    const snap = await locked(async () => {
      const r = await read(missionId, month);
      if (!r.submit || r.local || r.conflict || r.error) return null;
      const server = r.server ? contentOf(r.server) : { days: {}, lines: [] };
      const same = sameContent(server, r.submit.content);
      if (same && r.server?.state === 'submitted') {
        // Already done (an earlier answer was lost and a refresh brought the result).
        r.submit = null;
        await write(r);
        return 'done' as const;
      }
      if (!same) {
        r.submit = null;
        r.submitError = { status: 412, code: 'changed_elsewhere', message: 'This month changed elsewhere before it was submitted: check it and submit again' };
        await write(r);
        return 'dropped' as const;
      }
      return { key: r.submit.idempotencyKey, revision: r.revision };
    });
    if (snap === null) return 'skip';
    if (snap === 'done') return 'pushed';
    if (snap === 'dropped') return 'error';
    const client = await api();
    const res = await client.submitCra(missionId, month, snap.revision, snap.key);
    await noteStatus(res);
    let fresh: ServerCra | null = null;
    if (!res.ok && res.status === 412) {
      const got = await client.getCra(missionId, month);
      await noteStatus(got);
      if (!got.ok) return retryLater(missionId, month, got.status === 0);
      fresh = got.value;
    }
    return locked(async () => {
      const r = await read(missionId, month);
      if (!r.submit || r.submit.idempotencyKey !== snap.key) return 'skip'; // cancelled meanwhile
      const accepted = res.ok ? res.value : fresh && fresh.state === 'submitted' && sameContent(contentOf(fresh), r.submit.content) ? fresh : null;
      if (accepted || fresh) {
        r.server = (accepted ?? fresh)!;
        r.revision = r.server.revision;
        r.syncedAt = now();
        r.attempts = 0;
        r.nextAttemptAt = 0;
        r.submit = null;
        r.submitError = accepted ? null : { status: 412, code: 'changed_elsewhere', message: 'This month changed elsewhere before it was submitted: check it and submit again' };
        await write(r);
        return accepted ? 'pushed' : 'error';
      }
      if (!res.ok && (transient(res.status) || res.status === 401)) {
        r.attempts += 1;
        r.nextAttemptAt = now() + backoffMs(r.attempts);
        await write(r);
        return res.status === 0 ? 'offline' : 'error';
      }
      r.submit = null;
      r.submitError = res.ok ? null : res.error;
      await write(r);
      return 'error';
    });
  }

  /** The month as shown: pending edits over the server's. */
  async function view(missionId: string, month: string) {
    return effectiveContent(await read(missionId, month));
  }

  return { edit, flush, load, resolve, submit, cancelSubmit, view, read, api };
}

export type Engine = ReturnType<typeof createEngine>;

function coded(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}
