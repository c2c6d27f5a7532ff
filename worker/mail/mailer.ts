/** An email Relais sends: always plain text, with an HTML alternative. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** One-click unsubscribe (RFC 8058), for notification mails. */
  unsubscribeUrl?: string;
};

/** Where mail goes: SMTP when configured, else the local mailbox folder. */
export interface Mailer {
  readonly kind: string;
  send(mail: OutgoingMail): Promise<{ id: string }>;
}

/** The sender used when none is configured. */
export const DEFAULT_FROM = 'Relais <no-reply@relais.localhost>';
