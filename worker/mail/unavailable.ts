import type { Mailer } from './mailer';

/** Raised when mail must go out and no way to send it is configured. */
export class MailUnavailableError extends Error {
  constructor() {
    super('No mail transport is configured on this deployment');
    this.name = 'MailUnavailableError';
  }
}

/** The mailer of a Worker deployed without mail configured: it says so instead of pretending. */
export const unavailableMailer: Mailer = {
  kind: 'none',
  async send() {
    throw new MailUnavailableError();
  },
};
