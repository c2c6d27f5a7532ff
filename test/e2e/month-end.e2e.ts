import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { apiCaller, launchWithExtension, newestCode, runAsScript, scratchApi, until } from './support';

/**
 * The month's end in the extension, end to end against the real API on a scratch database,
 * with every user action made in the extension (the test calls the API only to seed the
 * seller's profile and to check results). The browser is en-US; the extension's own language
 * setting makes it French. Sign in through the options page (a wrong code first), create a
 * direct mission with the client's structured address, capture two months in the popup and
 * submit them; on the Relais page record "validated by the client on …" (a date in the future
 * and one before the month first), see both invoices, download one's PDF, mark it paid (a
 * wrong amount first), cancel the other with a credit note (the consequences read before
 * confirming), add a legal document with its expiry and file, add a webhook and test it on a
 * local receiver, download the CSV in both dialects; then every screen again in English.
 * Each screen is saved as test/artifacts/month-<lang>-<screen>.png and checked for English
 * words and raw codes while French.
 */

const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, process.env.RELAIS_EXT_OUT ?? '.output', 'chrome-mv3');
const artifacts = resolve(root, 'test/artifacts');
const EMAIL = 'fin-de-mois@relais.test';
const log = (...args: unknown[]) => console.log('[e2e month]', ...args);

/** Words of the API's English messages (and English UI words) that no French sentence uses. */
const ENGLISH = /\b(the|must|expected|failed|fetch|tries|left|already|should|cannot|written|required|is|are|not|of|to|with|invoice|paid|issued|wrong)\b/i;
/** Codes never meant for people: snake_case identifiers, dotted event types, a lower-case portal code. */
const RAW_CODE = /\b[a-z]+(?:_[a-z0-9]+)+\b|(?<![/.@\w-])(?:cra|invoice|payout|document|vat|purchase_order|ping)\.[a-z_]+|\blittlebig\b|\bping\b|\bsign-in\b/;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));
const addMonths = (month: string, n: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return isoDay(d).slice(0, 7);
};

/** What a person reads on the page: its text and title, without code blocks (secrets, URLs) nor form values. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('code, script, style, [data-testid]')) el.remove();
    const attrs = [...document.querySelectorAll('[title], [aria-label], [placeholder]')].map((el) => [el.getAttribute('title'), el.getAttribute('aria-label'), el.getAttribute('placeholder')].filter(Boolean).join(' '));
    return `${document.title}\n${body.textContent ?? ''}\n${attrs.join('\n')}`.replace(/\s+/g, ' ');
  });
}

/** Fails naming the first raw code a screen shows, and on a French screen the first English word. */
async function assertWords(page: Page, where: string, lang: 'fr' | 'en') {
  const text = await readableText(page);
  const english = lang === 'fr' ? ENGLISH.exec(text) : null;
  assert.equal(english, null, `${where}: English on a French screen: “…${english ? text.slice(Math.max(0, english.index - 60), english.index + 60) : ''}…”`);
  const raw = RAW_CODE.exec(text);
  assert.equal(raw, null, `${where}: a raw code on screen: “…${raw ? text.slice(Math.max(0, raw.index - 60), raw.index + 60) : ''}…”`);
}

/** A local receiver for the webhook: answers 200 and keeps each request. */
async function webhookReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/relais-hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The popup as a page of its own size, once it has painted. */
async function openPopup(context: BrowserContext, url: (p: string) => string) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 620 });
  await page.goto(url('popup.html'));
  await page.waitForSelector('body[data-ready]');
  await page.waitForSelector('.cal button[data-date]');
  return page;
}

/** A date as the pages write it ('2026-11-05' → '5 nov. 2026' / '5 Nov 2026'). */
const dateIn = (tag: string) => (iso: string) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const frenchDate = dateIn('fr-FR');
const englishDate = dateIn('en-GB');
/** Cents as the user types euros in French: 1234567 → '12345,67'. */
const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** Runs `action` and returns the file the page saved meanwhile. */
async function download(page: Page, action: () => Promise<unknown>) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), action()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path!) };
}

export async function runMonthEndE2e() {
  const started = Date.now();
  const scratch = await scratchApi('month');
  const { work, mailDir, apiUrl, server } = scratch;
  const receiver = await webhookReceiver();
  mkdirSync(artifacts, { recursive: true });
  const call = apiCaller(apiUrl);
  const { context, extensionId } = await launchWithExtension(join(work, 'profile'), extensionDir, { width: 1000, height: 860 }, 'en-US');
  context.setDefaultTimeout(10_000);
  let lang: 'fr' | 'en' = 'fr';
  const shot = async (page: Page, name: string, check = true) => {
    await page.screenshot({ path: join(artifacts, `month-${lang}-${name}.png`), fullPage: true });
    if (check) await assertWords(page, `${name} (${lang})`, lang);
  };
  try {
    const url = (p: string) => `chrome-extension://${extensionId}/${p}`;
    const today = isoDay(new Date());
    const thisMonth = today.slice(0, 7);
    // The month that just ended and the one before: a realistic month's end.
    const last = addMonths(thisMonth, -1);
    const before = addMonths(thisMonth, -2);

    // ---- Options: the browser is English; the extension's own setting makes it French. ----
    const options = await context.newPage();
    await options.goto(url('options.html'));
    await options.waitForSelector('input[name=apiUrl]');
    assert.equal(await options.textContent('h1'), 'Relais options', 'an en-US browser gets the English options first');
    await Promise.all([options.waitForEvent('load'), options.selectOption('select[name=language]', 'fr')]);
    await options.waitForSelector('input[name=apiUrl]');
    assert.equal(await options.textContent('h1'), 'Options de Relais');
    await options.fill('input[name=apiUrl]', apiUrl);
    await options.click('form:has(input[name=apiUrl]) button[type=submit]');
    await until('API address saved', async () => (await options.$$eval('.msg:not([data-api-hint])', (els) => els.map((e) => e.textContent))).includes('✓'));
    // The API answers at the saved address (a port the local search does not try): nothing may say none answers.
    await until('the hint about the saved address settled', async () => (await options.locator('[data-api-hint=detecting]').count()) === 0);
    assert.equal(await options.locator('[data-api-hint=none]').count(), 0, 'no “no API answers” beside an address that answers');
    await options.fill('input[name=email]', EMAIL);
    await options.click('form:has(input[name=email]) button[type=submit]');
    await options.waitForSelector('input[name=code]');
    // Error path 1: a wrong sign-in code, said in French.
    const code = newestCode(mailDir, EMAIL);
    const wrong = code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
    await options.fill('input[name=code]', wrong);
    await options.click('form:has(input[name=code]) button[type=submit]');
    const signInError = options.locator('.msg.err:not([data-api-hint])');
    await signInError.waitFor();
    assert.match((await signInError.textContent())!, /^Code incorrect/, 'the wrong code is said in French');
    await shot(options, 'options-wrong-code');
    await options.fill('input[name=code]', code);
    await options.click('form:has(input[name=code]) button[type=submit]');
    await options.waitForSelector('[data-signed-in]');
    log('signed in through the options page, after a wrong code said in French');

    // The test's own token, to seed the seller's profile and to read results.
    await call('POST', '/v1/auth/code', undefined, { email: EMAIL });
    const token = (await call('POST', '/v1/auth/token', undefined, { email: EMAIL, code: newestCode(mailDir, EMAIL) })).json.token as string;
    const seeded = await call('PUT', '/v1/profile', token, {
      legalName: 'Camille Martin EI', legalForm: 'ei', siret: '73282932000074', vatRegime: 'franchise',
      address: { line1: '3 rue des Lilas', postalCode: '67000', city: 'Strasbourg', country: 'FR' },
      iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', alsaceMoselle: false,
    });
    assert.equal(seeded.status, 200, JSON.stringify(seeded.json));
    await options.reload();
    await options.waitForSelector('form[name=mission]');

    // ---- A direct mission, in the options: the client's structured address, who issues the invoice, terms. ----
    const create = options.locator('form[name=mission]');
    await create.locator('input[name=clientName]').fill('Atelier Horizon SAS');
    // On LittleBIG the invoice mode decides who issues the invoice, and the plans are the regime's, by name.
    await create.locator('select[name=portal]').selectOption('littlebig');
    assert.deepEqual(await create.locator('select[name=invoiceMode] option').allTextContents(), ['Générée par le portail', 'Déposée par moi']);
    assert.deepEqual(await create.locator('select[name=plan] option').allTextContents(), ['–', 'Basic (paiement à date fixe)', 'Express', 'Flash']);
    await create.locator('select[name=invoiceMode]').selectOption('manual');
    // The plans side by side for a typical month, from the calculator; choosing a row picks the plan.
    await create.locator('input[name=dailyRate]').fill('650');
    const compare = create.locator('[data-relais="plan-compare"]');
    await compare.locator('tbody tr').nth(2).waitFor();
    const rows = await compare.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 3, 'Basic, Express and Flash');
    assert.match(rows[1]!, /Express.*325,00\s€.*2,5\s%.*15\s275,00\s€/, `Express: 2.5 % of 20 days at 650 € (${rows[1]})`);
    await compare.locator('tbody tr').nth(1).getByRole('button').click();
    assert.equal(await create.locator('select[name=plan]').inputValue(), 'express', 'the row chosen is the plan');
    await shot(options, 'options-new-littlebig-mission');
    await create.locator('input[name=dailyRate]').fill('');
    // For a direct client there is nothing to choose: the freelancer issues the invoice, and the page says so.
    await create.locator('select[name=portal]').selectOption('direct');
    await create.locator('[data-issuer=freelancer]', { hasText: 'Vous émettez la facture' }).waitFor();
    assert.equal(await create.locator('select[name=invoiceMode]').count(), 0, 'no invoice mode to choose for a direct client');
    assert.deepEqual(await create.locator('select[name=plan] option').allTextContents(), ['–', 'Client direct (vos conditions)']);
    await create.locator('input[name=dailyRate]').fill('480');
    await create.locator('input[name=budgetDays]').fill('60');
    await create.locator('input[name=startsOn]').fill(`${before}-01`);
    await create.locator('input[name=endsOn]').fill(`${thisMonth.slice(0, 4)}-12-31`);
    await create.locator('input[name=clientSiren]').fill('552 100 554');
    await create.locator('input[name=clientAddressLine]').fill('12 rue de la Paix');
    await create.locator('input[name=clientPostcode]').fill('75002');
    await create.locator('input[name=clientCity]').fill('Paris');
    await create.locator('input[name=clientEmail]').fill('compta@horizon.test');
    await create.locator('input[name=clientTermsDays]').fill('30');
    await shot(options, 'options-new-mission');
    await create.locator('button[type=submit]').click();
    await until('mission created', async () => (await create.locator('.msg.ok').textContent())?.includes('Mission'));
    const mission = (await call('GET', '/v1/missions', token)).json.missions[0];
    assert.ok(mission, 'the mission exists in the API');
    assert.equal(mission.portal, 'direct');
    assert.equal(mission.issuer, 'freelancer', 'the freelancer issues a direct client’s invoice');
    assert.equal(mission.clientTermsDays, 30);
    assert.deepEqual([mission.clientAddressLine, mission.clientPostcode, mission.clientCity, mission.clientEmail], ['12 rue de la Paix', '75002', 'Paris', 'compta@horizon.test']);
    await options.locator(`li[data-mission="${mission.id}"]`).waitFor();
    await shot(options, 'options');
    log('direct mission created in the options', mission.id);


    // ---- The popup: the two months captured, then submitted. ----
    const popup = await openPopup(context, url);
    await popup.click('button.nav >> nth=0');
    await popup.click('button.nav >> nth=0');
    await until('the month before last shown', async () => (await popup.getAttribute('.cal button[data-date]', 'data-date'))?.startsWith(before));
    await popup.getByRole('button', { name: 'Remplir les jours ouvrés' }).click();
    const workdays = async () => popup.$$eval('.cal button.day:not(.we):not(.hol):not(.out)', (els) => els.map((e) => (e as HTMLElement).dataset.date!));
    const beforeDays = await workdays();
    await until('working days filled', async () => (await popup.$$eval('.cal button[data-date] .q', (els) => els.filter((e) => e.textContent === '1').length)) === beforeDays.length);
    await until('synced', async () => popup.$('.sync.ok'));
    await shot(popup, 'popup-cra-filled');
    await popup.click('[data-action=submit]');
    await popup.waitForSelector('[data-state=submitted]');
    await popup.click('button.nav >> nth=1');
    await until('last month shown', async () => (await popup.getAttribute('.cal button[data-date]', 'data-date'))?.startsWith(last));
    await popup.getByRole('button', { name: 'Remplir les jours ouvrés' }).click();
    const lastDays = await workdays();
    await until('working days filled', async () => (await popup.$$eval('.cal button[data-date] .q', (els) => els.filter((e) => e.textContent === '1').length)) === lastDays.length);
    await popup.click(`button[data-date="${lastDays.at(-1)}"]`); // 1 → ½: the last afternoon off
    await until('half day shown', async () => (await popup.textContent(`button[data-date="${lastDays.at(-1)}"] .q`)) === '½');
    await until('synced', async () => popup.$('.sync.ok'));
    await popup.click('[data-action=submit]');
    await popup.waitForSelector('[data-state=submitted]');
    await shot(popup, 'popup-cra-submitted');
    const craOf = async (month: string) => (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json;
    await until('both months submitted in the API', async () => (await craOf(before)).state === 'submitted' && (await craOf(last)).state === 'submitted');
    assert.equal((await craOf(before)).totals.days, beforeDays.length);
    assert.equal((await craOf(last)).totals.days, lastDays.length - 0.5);
    log(`captured and submitted in the popup: ${before} (${beforeDays.length} days), ${last} (${lastDays.length - 0.5} days)`);

    // ---- The Relais page, opened from the popup. ----
    const [relais] = await Promise.all([context.waitForEvent('page'), popup.click('[data-action=open-relais]')]);
    await relais.waitForSelector('body[data-ready]');
    await relais.waitForSelector('.month-section');
    assert.equal(await relais.textContent('h1'), 'Relais — le mois');
    const card = relais.locator(`article[data-mission="${mission.id}"]`);
    const showMonth = async (month: string) => {
      for (let i = 0; i < 24 && (await relais.getAttribute('.month-label', 'data-month')) !== month; i++) {
        await relais.click((await relais.getAttribute('.month-label', 'data-month'))! > month ? 'button[name=prev-month]' : 'button[name=next-month]');
      }
      await relais.locator(`.month-label[data-month="${month}"]`).waitFor();
      await relais.locator(`article[data-mission="${mission.id}"][data-state]`).waitFor();
    };
    await showMonth(before);
    await relais.locator(`article[data-mission="${mission.id}"][data-state=submitted]`).waitFor();
    await shot(relais, 'relais-month-submitted');

    // Error path 2: a validation date in the future.
    await card.locator('button[name=record-validation]').click();
    await card.locator('input[name=validatedOn]').fill(addDays(today, 3));
    await card.locator('button[name=confirm-validation]').click();
    const cardError = card.locator('p.error');
    await cardError.waitFor();
    assert.match((await cardError.textContent())!, /dans le futur/, 'a future validation date is said in French');
    await shot(relais, 'relais-validation-future-date');
    // Early in the month that just ended, but in this year (in January both invoices stay in the year the list shows first).
    const firstValidation = [`${last}-05`, `${thisMonth.slice(0, 4)}-01-01`].sort()[1]!;
    await card.locator('input[name=validatedOn]').fill(firstValidation);
    await card.locator('button[name=confirm-validation]').click();
    await card.locator('p.validated').waitFor();
    assert.ok((await card.locator('p.validated').textContent())!.startsWith(`Validé par le client le ${frenchDate(firstValidation)}.`));
    const firstNote = (await card.locator('p.ok').textContent())!;
    const n1 = /Facture (\S+) émise/.exec(firstNote)?.[1];
    assert.ok(n1, `the invoice number is said: ${firstNote}`);
    await shot(relais, 'relais-month-validated');

    // Error path 3: the last month validated before it began.
    await showMonth(last);
    await relais.locator(`article[data-mission="${mission.id}"][data-state=submitted]`).waitFor();
    await card.locator('button[name=record-validation]').click();
    await card.locator('input[name=validatedOn]').fill(`${before}-28`);
    await card.locator('button[name=confirm-validation]').click();
    await cardError.waitFor();
    assert.match((await cardError.textContent())!, /^Date de validation impossible/, 'a date before the month is said in French');
    await shot(relais, 'relais-validation-before-month');
    await card.locator('input[name=validatedOn]').fill(today);
    await card.locator('button[name=confirm-validation]').click();
    await card.locator('p.validated').waitFor();
    const n2 = /Facture (\S+) émise/.exec((await card.locator('p.ok').textContent())!)?.[1];
    assert.ok(n2 && n2 !== n1, 'a second invoice number');
    const invoices = async () => (await call('GET', `/v1/invoices?year=${today.slice(0, 4)}`, token)).json.invoices as any[];
    const byNumber = async (n: string) => (await invoices()).find((i) => i.number === n);
    assert.equal((await byNumber(n1))?.issuedOn, firstValidation);
    assert.equal((await byNumber(n2))?.issuedOn, today);
    assert.equal((await craOf(last)).validatedOn, today);
    log('validations recorded on the Relais page: invoices', n1, n2);

    // ---- Invoices: the list, a PDF, "mark paid" (a wrong amount first). ----
    await card.getByRole('button', { name: 'Voir la facture' }).click();
    await relais.locator(`li.inv[data-number="${n2}"]`).waitFor();
    await relais.locator(`li.inv[data-number="${n1}"]`).waitFor();
    const row2 = relais.locator(`li.inv[data-number="${n2}"]`);
    assert.equal(await row2.getAttribute('data-state'), 'issued');
    await row2.locator('.inv-head').click();
    await shot(relais, 'relais-invoices');
    const pdf = await download(relais, () => row2.locator('button[name=pdf]').click());
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-', 'a PDF was downloaded');
    const pdfPath = join(work, pdf.name);
    writeFileSync(pdfPath, pdf.bytes);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    assert.ok(pdfText.includes(n2), `the PDF carries its number ${n2}`);
    assert.ok(pdfText.includes('Atelier Horizon SAS') && pdfText.includes('12 rue de la Paix') && pdfText.includes('75002'), 'the PDF carries the client’s address typed in the options');
    log('PDF downloaded:', pdf.name, `${pdf.bytes.length} bytes`);

    await row2.locator('button[name=mark-paid]').click();
    const amount = row2.locator('input[name=amount]');
    const expectedTotal = (await byNumber(n2)).totalCents as number;
    // Error path 4: an amount that is not one.
    await amount.fill('douze euros');
    await row2.locator('input[name=paidOn]').fill(today);
    await row2.locator('button[name=confirm-paid]').click();
    await row2.locator('p.error').waitFor();
    assert.match((await row2.locator('p.error').textContent())!, /^Montant invalide/, 'a wrong amount is said in French');
    assert.equal(await amount.inputValue(), 'douze euros', 'the typed amount is kept');
    await shot(relais, 'relais-paid-bad-amount');
    await amount.fill(euros(expectedTotal));
    await row2.locator('button[name=confirm-paid]').click();
    await relais.locator(`li.inv[data-number="${n2}"][data-state=paid]`).waitFor();
    const paid = await byNumber(n2);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.paidOn, today);
    log('invoice', n2, 'marked paid on', today);

    // ---- The client disputes the earlier month: a credit note, its consequences read before confirming. ----
    const row1 = relais.locator(`li.inv[data-number="${n1}"]`);
    await row1.locator('.inv-head').click();
    await row1.locator('button[name=credit-note]').click();
    const consequence = (await row1.locator('.consequence').textContent())!;
    assert.ok(consequence.startsWith(`Annuler la facture ${n1} émet un avoir de`), consequence);
    assert.ok(consequence.replace(/\s/g, '').includes(`-${euros((await byNumber(n1)).totalCents)}€`), `the credit note's amount is said: ${consequence}`);
    assert.match(consequence, /pas réversible/);
    assert.equal((await byNumber(n1)).status, 'issued', 'nothing is cancelled before confirming');
    await shot(relais, 'relais-credit-note-confirm');
    await row1.locator('button[name=confirm-credit-note]').click();
    await relais.locator(`li.inv[data-number="${n1}"][data-state=cancelled]`).waitFor();
    const credit = (await invoices()).find((i) => i.kind === 'credit_note');
    assert.ok(credit, 'a credit note exists');
    await relais.locator(`li.inv[data-number="${credit.number}"][data-state=credit_note]`).waitFor();
    assert.equal((await byNumber(n1)).status, 'cancelled');
    await shot(relais, 'relais-invoices-after');
    // The filter on "paid" lists the paid invoice alone.
    await relais.selectOption('select[name=state]', 'paid');
    await until('paid filter', async () => JSON.stringify(await relais.$$eval('li.inv', (els) => els.map((e) => (e as HTMLElement).dataset.number))) === JSON.stringify([n2]));
    await shot(relais, 'relais-invoices-paid');
    await relais.selectOption('select[name=state]', 'all');
    log('credit note', credit.number, 'cancels', n1);

    // ---- The popup: the validated month shows its date and invoice; the money tab lists the paid invoice. ----
    await popup.reload();
    await popup.waitForSelector('body[data-ready]');
    await popup.waitForSelector('[data-validated]');
    assert.match((await popup.textContent('[data-validated]'))!, new RegExp(`Validé par le client le .*facture ${n2}`));
    await shot(popup, 'popup-cra-validated');
    await popup.click('[role=tab]:nth-child(2)');
    await popup.locator('[data-list=paid] li', { hasText: n2 }).waitFor();
    await shot(popup, 'popup-money');
    log('the popup lists', n2, 'as paid this month');

    // ---- A legal document with its expiry date and file. ----
    await relais.click('button[name=tab-documents]');
    const docForm = relais.locator('form.add-document');
    await docForm.waitFor();
    const expiresOn = addDays(today, 180);
    const docPdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await docForm.locator('select[name=kind]').selectOption('social_security_certificate');
    await docForm.locator('input[name=label]').fill('Attestation de vigilance (2e semestre)');
    await docForm.locator('input[name=issuedOn]').fill(today);
    await docForm.locator('input[name=expiresOn]').fill(expiresOn);
    await docForm.locator('input[name=file]').setInputFiles({ name: 'attestation-urssaf.pdf', mimeType: 'application/pdf', buffer: docPdf });
    await docForm.locator('button[name=add-document]').click();
    const doc = relais.locator('li.doc[data-label="Attestation de vigilance (2e semestre)"]');
    await doc.waitFor();
    assert.match((await doc.textContent())!, /Attestation de vigilance URSSAF.*Expire le .*expire dans 180 jours/);
    const docFile = await download(relais, () => doc.locator('button[name=see-file]').click());
    assert.ok(docFile.bytes.equals(docPdf), 'the document’s file comes back as sent');
    const documents = (await call('GET', '/v1/documents', token)).json.documents as any[];
    assert.equal(documents[0]?.expiresOn, expiresOn);
    await shot(relais, 'relais-documents');
    log('document added with its expiry', expiresOn);

    // ---- A webhook, tested on a local receiver. ----
    await relais.click('button[name=tab-integrations]');
    const hookForm = relais.locator('form.add-webhook');
    await hookForm.waitFor();
    await hookForm.locator('input[name=url]').fill(receiver.url);
    await hookForm.locator('input[name=description]').fill('Tableau de suivi');
    await hookForm.locator('button[name=add-webhook]').click();
    const secret = (await relais.locator('[data-testid=webhook-secret]').textContent())!;
    assert.match(secret, /^whsec_/);
    const hook = relais.locator(`li.hook[data-url="${receiver.url}"]`);
    await hook.locator('button[name=test-webhook]').click();
    await hook.locator('p.ok', { hasText: 'Test reçu (réponse 200)' }).waitFor();
    await hook.locator('.log li[data-status=delivered]').waitFor();
    const ping = receiver.received.find((r) => JSON.parse(r.body).type === 'ping');
    assert.ok(ping, 'the receiver got the ping');
    new Webhook(secret).verify(ping.body, ping.headers as Record<string, string>);
    await shot(relais, 'relais-integrations');
    log('webhook added and tested: the receiver verified its signature');

    // ---- The CSV for the accountant, in both dialects. ----
    await relais.click('button[name=tab-exports]');
    const standard = await download(relais, () => relais.click('button[name=csv-rfc4180]'));
    const excel = await download(relais, () => relais.click('button[name=csv-excel-fr]'));
    for (const [csv, sep] of [[standard, ','], [excel, ';']] as const) {
      const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
      const lines = text.trim().split(/\r?\n/);
      assert.ok(lines[0]!.split(sep).length > 5, `${csv.name}: a header separated by ${sep}`);
      for (const n of [n1, n2, credit.number]) assert.ok(text.includes(n), `${csv.name} lists ${n}`);
    }
    assert.notEqual(standard.bytes.toString(), excel.bytes.toString(), 'two dialects, two files');
    assert.notEqual(standard.name, excel.name, 'one file name per dialect');
    await relais.getByText(/^Téléchargé : /).waitFor();
    await relais.click('button[name=ics]');
    // The API builds the link from its public address (port 0 here, the scratch server's request); its path serves the calendar.
    const ics = new URL((await relais.locator('[data-testid=ics-url]').textContent())!);
    const calendar = await fetch(`${apiUrl}${ics.pathname}`);
    assert.equal(calendar.status, 200);
    assert.match(await calendar.text(), /^BEGIN:VCALENDAR/);
    await shot(relais, 'relais-exports');
    log('CSV downloaded in both dialects:', standard.name, excel.name);


    // ---- Every screen again in English, chosen on the Relais page (one choice for every page). ----
    lang = 'en';
    await relais.click('button[name=tab-month]');
    await Promise.all([relais.waitForEvent('load'), relais.selectOption('select[name=language]', 'en')]);
    await relais.waitForSelector('.month-section');
    assert.equal(await relais.textContent('h1'), 'Relais — the month');
    await showMonth(last);
    await card.locator('p.validated', { hasText: `Validated by the client on ${englishDate(today)}` }).waitFor();
    await card.locator(`.month-invoice[data-invoice="${n2}"]`, { hasText: `Invoice ${n2}.` }).waitFor();
    await showMonth(before);
    await card.locator(`.month-invoice[data-invoice="${n1}"]`, { hasText: 'cancelled by a credit note' }).waitFor();
    await shot(relais, 'relais-month-cancelled');
    await showMonth(last);
    await shot(relais, 'relais-month');
    await relais.click('button[name=tab-invoices]');
    await relais.locator(`li.inv[data-number="${n2}"][data-state=paid]`).waitFor();
    await relais.locator(`li.inv[data-number="${n1}"] .inv-head`).click();
    await relais.locator(`li.inv[data-number="${n1}"] .detail`).waitFor();
    assert.match((await relais.locator(`li.inv[data-number="${credit.number}"]`).textContent())!, /Credit note/);
    await shot(relais, 'relais-invoices');
    await relais.locator(`li.inv[data-number="${n2}"] .inv-head`).click();
    await relais.locator(`li.inv[data-number="${n2}"] button[name=mark-paid]`).count().then((n) => assert.equal(n, 0, 'a paid invoice cannot be marked paid again'));
    await relais.click('button[name=tab-documents]');
    await relais.locator('li.doc', { hasText: 'URSSAF compliance certificate' }).waitFor();
    await shot(relais, 'relais-documents');
    await relais.click('button[name=tab-integrations]');
    await relais.locator(`li.hook[data-url="${receiver.url}"]`).waitFor();
    await relais.locator(`li.hook[data-url="${receiver.url}"] button[name=deliveries]`).click();
    await relais.locator('.log li', { hasText: 'Test delivery' }).waitFor();
    await relais.locator('.token-list li').first().waitFor();
    await shot(relais, 'relais-integrations');
    await relais.click('button[name=tab-exports]');
    await relais.getByText('Standard CSV (commas, decimal point)').waitFor();
    await shot(relais, 'relais-exports');
    await popup.reload();
    await popup.waitForSelector('body[data-ready]');
    await popup.click('[role=tab]:nth-child(1)');
    await popup.waitForSelector('[data-validated]');
    assert.match((await popup.textContent('[data-validated]'))!, new RegExp(`Validated by the client on .*invoice ${n2}`));
    await shot(popup, 'popup-cra');
    await popup.click('[role=tab]:nth-child(2)');
    await popup.locator('[data-list=paid] li', { hasText: n2 }).waitFor();
    assert.match((await popup.textContent('.money'))!, /Paid this month/);
    await shot(popup, 'popup-money');
    await options.reload();
    await options.waitForSelector(`li[data-mission="${mission.id}"]`);
    assert.equal(await options.textContent('h1'), 'Relais options');
    await shot(options, 'options');
    log('every screen walked again in English');

    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await context.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    await receiver.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAsScript('[e2e month]', runMonthEndE2e);
}
