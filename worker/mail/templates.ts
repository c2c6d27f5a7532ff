import type { OutgoingMail } from './mailer';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The sign-in code mail, in French or English. */
export function signInCodeMail(to: string, code: string, locale: 'fr' | 'en'): OutgoingMail {
  const fr = locale === 'fr';
  const subject = fr ? `Votre code de connexion Relais : ${code}` : `Your Relais sign-in code: ${code}`;
  const text = fr
    ? `Bonjour,\n\nVotre code de connexion à Relais est : ${code}\n\nIl est valable 10 minutes et ne sert qu'une fois. Si vous n'avez rien demandé, ignorez ce message.\n\nRelais`
    : `Hello,\n\nYour Relais sign-in code is: ${code}\n\nIt is valid for 10 minutes and works once. If you did not ask for it, ignore this message.\n\nRelais`;
  const html = `<p>${fr ? 'Votre code de connexion à Relais :' : 'Your Relais sign-in code:'}</p><p style="font-size:24px;letter-spacing:4px"><strong>${escapeHtml(code)}</strong></p><p>${fr ? 'Valable 10 minutes, une seule fois.' : 'Valid for 10 minutes, once.'}</p>`;
  return { to, subject, text, html };
}
