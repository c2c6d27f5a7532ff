import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { DEFAULT_FROM, type Mailer, type OutgoingMail } from './mailer';

/**
 * Node mailers built on nodemailer (MIME encoding, SMTP): a real SMTP server when
 * `SMTP_URL` is set, else a local mailbox where each message is an `.eml` file.
 */
function message(mail: OutgoingMail, from: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    cc: mail.cc,
    replyTo: mail.replyTo,
    attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.contentBase64, encoding: 'base64' })),
    headers: mail.unsubscribeUrl
      ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : undefined,
  };
}

/** Writes every mail to `dir` as `<timestamp>-<id>.eml`. */
export function mailDirMailer(dir: string, from = DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let counter = 0;
  return {
    kind: `mailbox ${dir}`,
    async send(mail) {
      const info = await transport.sendMail(message(mail, from));
      await mkdir(dir, { recursive: true });
      const id = `${Date.now()}-${process.pid}-${++counter}`;
      await writeFile(join(dir, `${id}.eml`), info.message as Buffer);
      return { id };
    },
  };
}

/** Sends through the SMTP server of `url` (smtp:// or smtps://, credentials in the URL). */
export function smtpMailer(url: string, from = DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: `smtp ${new URL(url).host}`,
    async send(mail) {
      const info = await transport.sendMail(message(mail, from));
      return { id: info.messageId };
    },
  };
}
