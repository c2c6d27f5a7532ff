/** One attempt in a delivery's log, as `GET /v1/webhooks/:id/deliveries` shows it. */
export type AttemptLog = { at: string; status: number | null; error: string | null; ms: number };

/** A new `whsec_` secret: 24 random bytes, base64, as Standard Webhooks libraries expect. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** A webhook message id (`webhook-id`): the same on every retry of one delivery. */
export const newMessageId = (): string => `msg_${crypto.randomUUID().replace(/-/g, '')}`;
