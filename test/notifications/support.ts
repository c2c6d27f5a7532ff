import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export async function startSmtpSink() {
  const messages: ParsedMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Loopback only: AUTH over plain SMTP so that clients with credentials can be tested.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      callback(null, { user: auth.username });
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => {
        messages.push(m);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    /** The user names clients signed in with. */
    logins,
    /** Messages to `to` whose subject matches. */
    find: (to: string, subject: RegExp) => messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.text.includes(to) && subject.test(m.subject ?? '')),
    /** The newest sign-in code mailed to `to` (for createTestApi's `readCode`). */
    code: (to: string) => {
      const m = [...messages].reverse().find((x) => x.to && !Array.isArray(x.to) && x.to.text.includes(to) && /Relais/.test(x.subject ?? '') && /\d{6}/.test(x.subject ?? ''));
      if (!m) throw new Error(`no code mailed to ${to}`);
      return /(\d{6})/.exec(m.subject!)![1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ReceivedHook = { headers: IncomingHttpHeaders; body: string; answered: number };

/** A real HTTP receiver: answers with the next status of `script` (then 200), and records each request. */
export async function startWebhookReceiver(script: number[] = []) {
  const received: ReceivedHook[] = [];
  const queue = [...script];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = queue.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
