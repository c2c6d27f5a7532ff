import type { InStatement } from '@libsql/client';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { addDays } from '../../shared/dates';
import { documentNumber } from './invoice-view';
import { calendarFeeds, invoices } from '../db/schema';
import type { Deps } from '../deps';
import { newToken, sha256Hex } from '../http/crypto';

/**
 * The ICS feed of expected payouts (RFC 5545), at a secret URL a calendar app subscribes
 * to. The token is shown once and stored as its SHA-256; issuing a new one replaces the
 * old, which stops working at once.
 */

/**
 * Issues the user's feed token (replacing any previous one); returns the token in clear.
 * `alongside` joins the same atomic batch (the Idempotency-Key's answer).
 */
export async function issueCalendarToken(deps: Deps, userId: string, alongside: InStatement[] = []): Promise<string> {
  const token = newToken().replace(/^rls_/, 'cal_');
  const tokenHash = await sha256Hex(token);
  const createdAt = deps.now().toISOString();
  const q = deps.db.insert(calendarFeeds).values({ userId, tokenHash, createdAt }).onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt } }).toSQL();
  await deps.client.batch([{ sql: q.sql, args: q.params as never }, ...alongside], 'write');
  return token;
}

/** The user behind a feed token, or null. */
export async function calendarOwner(deps: Deps, token: string): Promise<string | null> {
  if (!/^cal_[A-Za-z0-9_-]{20,}$/.test(token)) return null;
  const row = await deps.db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, await sha256Hex(token))).get();
  return row?.userId ?? null;
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const euros = (cents: number) => `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;
const icsDate = (iso: string) => iso.replace(/-/g, '');
const icsStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** One all-day event per issued, unpaid invoice whose payout is expected (its window, if a range). */
export async function payoutCalendar(deps: Deps, userId: string): Promise<string> {
  const rows = await deps.db
    .select()
    .from(invoices)
    .where(and(eq(invoices.userId, userId), inArray(invoices.kind, ['invoice', 'portal_invoice', 'salary_budget']), inArray(invoices.status, ['issued', 'expected']), isNotNull(invoices.payoutEarliest)))
    .all()
    // The open documents only (bounded by what is awaited): sorted here rather than by a temporary B-tree over the user's rows.
    .then((open) => open.sort((x, y) => (x.payoutEarliest! < y.payoutEarliest! ? -1 : x.payoutEarliest! > y.payoutEarliest! ? 1 : 0)));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Relais//Payouts//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Relais – paiements attendus'];
  for (const r of rows) {
    const number = documentNumber(r) ?? r.serviceMonth ?? '';
    const client = (JSON.parse(r.buyer) as { name?: string }).name ?? '';
    const last = r.payoutLatest ?? r.payoutEarliest!;
    lines.push(
      'BEGIN:VEVENT',
      `UID:payout-${r.id}@relais`,
      `DTSTAMP:${icsStamp(r.createdAt)}`,
      `DTSTART;VALUE=DATE:${icsDate(r.payoutEarliest!)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(last, 1))}`,
      `SUMMARY:${icsText(`Paiement attendu ${euros(r.payoutCents)} – ${client}`)}`,
      `DESCRIPTION:${icsText(`Facture ${number} (${euros(r.totalCents)} TTC), échéance client ${r.clientDueOn ?? r.dueOn}.\nVersement attendu ${r.payoutEarliest === last ? `le ${r.payoutEarliest}` : `entre le ${r.payoutEarliest} et le ${last}`}.`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
