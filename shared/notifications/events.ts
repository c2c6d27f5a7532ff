import * as v from 'valibot';

/**
 * Every event Relais can tell a freelancer about (DOMAIN.md, "Notifications"). The same
 * names are webhook `type`s and email opt-out keys; `ping` is the webhook test event only.
 */
export const EVENT_TYPES = [
  'cra.to_submit',
  'cra.validated',
  'cra.refused',
  'invoice.issued',
  /** A portal's invoice differs from the one expected (days, rate, total or fee). */
  'invoice.mismatch',
  'payout.expected_tomorrow',
  'payout.expected_today',
  'payout.late',
  'payout.received',
  'invoice.overdue',
  'purchase_order.nearly_consumed',
  'document.expiring',
  'vat.threshold_approaching',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EventTypeSchema = v.picklist(EVENT_TYPES, `must be one of ${EVENT_TYPES.join(', ')}`);

/** Notification settings a user edits: which event types they do not want by email. */
export const NotificationSettingsBody = v.object({
  emailOptOut: v.pipe(v.array(EventTypeSchema), v.maxLength(EVENT_TYPES.length)),
});
export type NotificationSettingsBody = v.InferOutput<typeof NotificationSettingsBody>;
