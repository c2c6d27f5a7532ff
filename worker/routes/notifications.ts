import { Hono } from '../http/hono';
import * as v from 'valibot';
import { EVENT_TYPES, NotificationSettingsBody, type EventType } from '../../shared/notifications/events';
import type { AppEnv } from '../deps';
import { validate } from '../http/validate';
import { ensureSettings } from '../notifications/dispatch';
import { unsubscribeTokenUser } from '../notifications/unsubscribe-links';

// Stored opt-outs only ever come from NotificationSettingsBody or the unsubscribe link, both event types.
const settingsView = (s: { emailOptOut: string[] }) => ({ emailOptOut: s.emailOptOut as EventType[], eventTypes: [...EVENT_TYPES] });

/** Which events a user wants by email (webhooks choose their events per endpoint). */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/settings', async (c) => c.json(settingsView(await ensureSettings(c.env.deps, c.var.userId)), 200))
  .put('/settings', validate('json', NotificationSettingsBody), async (c) => {
    await ensureSettings(c.env.deps, c.var.userId);
    const emailOptOut = [...new Set(c.req.valid('json').emailOptOut)];
    await c.env.deps.client.execute({ sql: 'UPDATE notification_settings SET email_opt_out = ?, updated_at = ? WHERE user_id = ?', args: [JSON.stringify(emailOptOut), c.env.deps.now().toISOString(), c.var.userId] });
    return c.json(settingsView({ emailOptOut }), 200);
  });

const UnsubscribeParams = v.object({ token: v.pipe(v.string(), v.maxLength(100)) });
const UnsubscribeQuery = v.object({ type: v.optional(v.picklist(EVENT_TYPES)) });
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:480px;margin:48px auto;color:#1f2937">${body}</body></html>`;

/**
 * One-click unsubscribe (RFC 8058), public, found by the token in each mail (signed, or an older
 * mail's stored one: notifications/unsubscribe-links.ts; any other gets the same 404 page): the
 * mail client POSTs to the link; a person opening it gets a page with one button (a GET
 * never changes anything, so link scanners unsubscribe no one). Without `type`, every
 * notification email stops; sign-in codes still arrive.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .get('/:token', validate('param', UnsubscribeParams), validate('query', UnsubscribeQuery), async (c) => {
    const type = c.req.valid('query').type;
    const what = type ? `« ${type} »` : 'toutes les notifications / all notifications';
    return c.html(page('Relais', `<h1>Relais</h1><p>Ne plus recevoir par e-mail ${what} ?<br>Stop receiving ${type ?? 'all notification'} emails?</p><form method="post"><button type="submit" style="font-size:16px;padding:8px 16px">Se désabonner / Unsubscribe</button></form>`));
  })
  .post('/:token', validate('param', UnsubscribeParams), validate('query', UnsubscribeQuery), async (c) => {
    const { token } = c.req.valid('param');
    const type = c.req.valid('query').type;
    const userId = await unsubscribeTokenUser(c.env.deps, token);
    const row = userId
      ? (await c.env.deps.client.execute({ sql: 'SELECT user_id, email_opt_out FROM notification_settings WHERE user_id = ?', args: [userId] })).rows[0]
      : undefined;
    if (!row) return c.html(page('Relais', '<p>Ce lien n\'est plus valable. / This link is no longer valid.</p>'), 404);
    const optOut = new Set(JSON.parse(String(row.email_opt_out)) as string[]);
    for (const t of type ? [type] : EVENT_TYPES) optOut.add(t);
    await c.env.deps.client.execute({ sql: 'UPDATE notification_settings SET email_opt_out = ?, updated_at = ? WHERE user_id = ?', args: [JSON.stringify([...optOut]), c.env.deps.now().toISOString(), String(row.user_id)] });
    return c.html(page('Relais', '<p>C\'est fait : vous ne recevrez plus ces e-mails. Vous pouvez les réactiver dans les réglages de Relais.</p><p>Done: you will no longer receive these emails. Turn them back on in Relais settings.</p>'), 200);
  });
