/** An email Relais sends: always plain text, with an HTML alternative. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** One-click unsubscribe (RFC 8058), for notification mails. */
  unsubscribeUrl?: string;
  /** In copy (the freelancer, on the mails Relais sends their client for them). */
  cc?: string;
  /** Where the recipient's answer goes (the freelancer, not Relais). */
  replyTo?: string;
  /** Files attached, base64 so the mail crosses the notifier's JSON binding unchanged. */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
};

/** Where mail goes: SMTP when configured, else the local mailbox folder. */
export interface Mailer {
  readonly kind: string;
  send(mail: OutgoingMail): Promise<{ id: string }>;
}

/** The sender used when none is configured. */
export const DEFAULT_FROM = 'Relais <no-reply@relais.localhost>';
