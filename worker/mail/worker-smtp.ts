import { WorkerMailer } from 'worker-mailer';
import { DEFAULT_FROM, type Mailer, type OutgoingMail } from './mailer';

/**
 * SMTP from a Worker, over Cloudflare's TCP sockets (`connect()`), with `worker-mailer`
 * (no Node built-ins). `SMTP_URL` is `smtp://user:pass@host:587` (STARTTLS) or
 * `smtps://user:pass@host:465` (TLS from the start). One connection per mail: a Worker
 * invocation sends few, and a socket may not outlive the request that opened it.
 */
export function workerSmtpMailer(smtpUrl: string, from = DEFAULT_FROM): Mailer {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const options = {
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    startTls: !secure,
    credentials: url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined,
    authType: ['plain', 'login'] as Array<'plain' | 'login'>,
  };
  const sender = parseFrom(from);
  return {
    kind: `smtp ${url.host} (Workers sockets)`,
    async send(mail: OutgoingMail) {
      await WorkerMailer.send(options, {
        from: sender,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        cc: mail.cc,
        reply: mail.replyTo,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.contentBase64, mimeType: a.contentType })),
        headers: mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
      });
      return { id: crypto.randomUUID() };
    },
  };
}

function parseFrom(from: string): { name?: string; email: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1] || undefined, email: m[2]! } : { email: from.trim() };
}
