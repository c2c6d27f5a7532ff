import type { InStatement } from '@libsql/client';
import type { EventType } from '../../shared/notifications/events';
import { newId } from '../http/crypto';

/** What an event says: ids, dates, amounts in cents and the labels a message needs. */
export type EventData = Record<string, string | number | boolean | null>;

export type OutboxEvent = {
  userId: string;
  type: EventType;
  /** Makes the event happen once per user: the same key twice inserts nothing the second time. */
  key: string;
  data: EventData;
  /** ISO instant the thing happened (the injected clock). */
  at: string;
};

/**
 * The statement that records an event in the outbox. Put it in the same batch as the
 * change that causes it: both land or neither does. `INSERT OR IGNORE` on (user, key)
 * makes a replayed request, a rerun scheduler or a race produce the event once.
 */
export function recordEvent(e: OutboxEvent): InStatement {
  return {
    sql: 'INSERT OR IGNORE INTO outbox_events (id, user_id, type, key, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [newId(), e.userId, e.type, e.key, JSON.stringify(e.data), e.at],
  };
}
