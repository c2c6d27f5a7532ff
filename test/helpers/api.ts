import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app } from '../../worker/app';
import { createNodeDeps, type NodeConfig } from '../../worker/node';
import type { Deps } from '../../worker/deps';

/** A clock a test can set and walk. */
export function testClock(start = '2026-05-20T09:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => { t = new Date(iso).getTime(); },
    advanceDays: (n: number) => { t += n * 86_400_000; },
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * The real app over a real libSQL file built from migrations/, with a local mailbox and
 * an injectable clock. Nothing of our own is mocked.
 */
export async function createTestApi(options: { start?: string; smtpUrl?: string; readCode?: (email: string) => string; driver?: NodeConfig['driver'] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relais-test-'));
  const clock = testClock(options.start);
  const mailDir = join(dir, 'mail');
  const dbPath = join(dir, 'relais.db');
  const deps = await createNodeDeps({ databaseUrl: `file:${dbPath}`, port: 0, host: '127.0.0.1', mailDir, smtpUrl: options.smtpUrl, now: clock.now, quiet: true, driver: options.driver });

  async function request(method: string, path: string, init: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; clientAddress?: string } = {}) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    // As over HTTP (Node's server and Workers both receive it), the body's length is announced.
    if (body !== undefined && !headers['content-length']) headers['content-length'] = String(new TextEncoder().encode(body).length);
    const res = await app.fetch(new Request(`http://relais.test${path}`, { method, headers, body }), { deps, clientAddress: init.clientAddress });
    const text = await res.text();
    let json: any = undefined;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, headers: res.headers, json, text };
  }

  /** The newest sign-in code mailed to `email`, read from the local mailbox. */
  function lastCodeFor(email: string): string {
    if (options.readCode) return options.readCode(email);
    const files = readdirSync(mailDir).sort();
    for (const f of files.reverse()) {
      const eml = readFileSync(join(mailDir, f), 'utf8');
      if (eml.includes(`To: ${email}`)) {
        const m = /(?:code de connexion Relais|Relais sign-in code)[^0-9]*(\d{6})/.exec(eml);
        if (m) return m[1]!;
      }
    }
    throw new Error(`no code mailed to ${email}`);
  }

  /**
   * Signs a user in through the real code flow and returns their token. The user gets a
   * complete seller profile (`sellerProfile`: an invoice needs every mandatory mention),
   * unless `{ profile: false }` keeps the empty profile a new user starts with.
   */
  async function signIn(email: string, opts: { profile?: false } = {}): Promise<string> {
    const sent = await request('POST', '/v1/auth/code', { body: { email } });
    if (sent.status !== 202) throw new Error(`code: ${sent.status} ${sent.text}`);
    const res = await request('POST', '/v1/auth/token', { body: { email, code: lastCodeFor(email) } });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
    const token = res.json.token as string;
    if (opts.profile !== false) {
      const profile = await request('PUT', '/v1/profile', { token, body: sellerProfile });
      if (profile.status !== 200) throw new Error(`profile: ${profile.status} ${profile.text}`);
    }
    return token;
  }

  return {
    deps: deps as Deps,
    clock,
    request,
    signIn,
    lastCodeFor,
    mailDir,
    dbPath,
    close() { deps.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A LittleBIG mission signed after 2025-04-28 in France (fixed-date regime). */
/** A micro-entrepreneur's complete seller profile (every mandatory mention of an invoice). */
export const sellerProfile = {
  legalName: 'Claire Martin',
  legalForm: 'ei',
  vatRegime: 'franchise',
  siret: '73282932000074',
  address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
} as const;

/** A direct client (no portal): the freelancer issues the invoice in their own series, due after the client's terms. */
export const directMission = {
  portal: 'direct',
  clientName: 'ACME SA',
  clientSiren: '552100554',
  clientAddressLine: '1 avenue de la République',
  clientPostcode: '75011',
  clientCity: 'Paris',
  reference: 'BDC-2026-001',
  dailyRateCents: 65_000,
  clientTermsDays: 30,
  startsOn: '2026-01-05',
  endsOn: '2026-12-31',
  budgetDays: 200,
} as const;

export const littlebigMission = {
  portal: 'littlebig',
  clientName: 'ACME SA',
  clientAddressLine: '1 avenue de la République',
  clientPostcode: '75011',
  clientCity: 'Paris',
  /** The purchase order's reference (BT-13; Peppol UBL needs it). */
  reference: 'BDC-2026-001',
  dailyRateCents: 65_000,
  contractSignedOn: '2025-06-02',
  country: 'FR',
  plan: 'flash',
  invoiceMode: 'auto',
  clientTermsDays: 30,
  startsOn: '2026-01-05',
  endsOn: '2026-12-31',
  budgetDays: 200,
} as const;
