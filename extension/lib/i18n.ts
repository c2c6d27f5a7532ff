import { formatMoney } from '../../shared/money';

/** UI strings in French and English; the user's choice in the options, else the browser's language. */
const fr = {
  cra: 'CRA',
  money: 'Argent',
  noMission: 'Aucune mission. Ajoutez-en une dans les options.',
  signIn: 'Connectez-vous dans les options de Relais.',
  openOptions: 'Ouvrir les options',
  fill: 'Remplir les jours ouvrés',
  prevMonth: 'Mois précédent',
  nextMonth: 'Mois suivant',
  days: 'Jours',
  amountHT: 'Montant HT',
  fees: 'Commission',
  payout: 'Versement',
  payoutDate: 'Date de versement',
  submit: 'Soumettre',
  state_draft: 'Brouillon',
  state_submitted: 'Soumis',
  state_validated: 'Validé',
  state_refused: 'Refusé',
  pending: 'Modifications en attente de synchronisation',
  offline: 'Hors ligne : vos saisies sont gardées et partiront au retour du réseau',
  synced: 'Synchronisé',
  conflictTitle: 'Ce mois a changé ailleurs',
  conflictMine: 'Ma version',
  conflictTheirs: 'Version du serveur',
  keepMine: 'Garder la mienne',
  takeTheirs: 'Prendre celle du serveur',
  refusedBecause: 'Refusé : ',
  upcoming: 'Versements à venir',
  noInvoices: 'Aucune facture en cours.',
  overdue: 'Factures en retard',
  penalties: 'pénalités à ce jour',
  pdfDownload: 'Télécharger la facture (PDF Factur-X)',
  pdfFailed: 'Le PDF n’a pas pu être téléchargé (hors ligne ?)',
  vatBar: 'Franchise de TVA',
  base: 'seuil',
  projected: 'Projection fin d’année (jours saisis et prévus) :',
  higher: 'seuil majoré',
  crossing: 'Franchissement prévu le',
  noCrossing: 'Pas de franchissement prévu cette année',
  inDays: (n: number) => (n === 0 ? "aujourd'hui" : n === 1 ? 'demain' : n > 0 ? `dans ${n} jours` : `en retard de ${-n} j`),
  holiday: 'Férié',
  weekend: 'Week-end',
  outside: 'Hors mission',
  apiUrl: "Adresse de l'API",
  save: 'Enregistrer',
  email: 'E-mail',
  sendCode: 'Recevoir un code',
  code: 'Code reçu par e-mail (6 chiffres)',
  verify: 'Se connecter',
  signedInAs: 'Connecté en tant que',
  signOut: 'Se déconnecter',
  codeSent: 'Code envoyé. Vérifiez votre boîte mail.',
  newMission: 'Nouvelle mission',
  client: 'Client',
  portal: 'Portail',
  dailyRate: 'TJM HT (€)',
  signedOn: 'Contrat signé le',
  plan: 'Formule',
  startsOn: 'Début',
  endsOn: 'Fin',
  budgetDays: 'Budget (jours)',
  create: 'Créer',
  created: 'Mission créée.',
  options: 'Options de Relais',
  submitPending: 'Soumission en attente',
  submitPendingHelp: 'La soumission partira dès que l’API répondra.',
  cancelSubmit: 'Annuler la soumission',
  submitRefused: 'Soumission non faite : ',
  submitChanged: 'Ce mois a changé ailleurs avant d’être soumis : vérifiez-le et soumettez à nouveau.',
  lines: 'Frais refacturés et astreintes',
  addLine: 'Ajouter une ligne',
  lineKind: 'Type',
  kind_expense: 'Frais',
  kind_on_call: 'Astreinte',
  kind_overtime: 'Heures sup.',
  kind_correction: 'Correction',
  label: 'Libellé',
  amountHTEuros: 'Montant HT (€)',
  vatRate: 'TVA',
  receiptRef: 'Justificatif',
  remove: 'Supprimer',
  edit: 'Modifier',
  cancel: 'Annuler',
  ok: 'OK',
  linesTotal: 'Lignes',
  badAmount: 'Montant invalide : écrivez par ex. 12,50 (deux décimales au plus)',
  labelRequired: 'Libellé requis',
  language: 'Langue',
  languageAuto: 'Celle du navigateur',
  detectApi: 'Chercher une API locale',
  detecting: 'Recherche d’une API Relais sur cet ordinateur…',
  apiFound: (url: string) => `API Relais trouvée : ${url}`,
  apiFoundOthers: (url: string) => `Une API Relais répond sur ${url}, pas à l’adresse enregistrée.`,
  useThis: 'Utiliser cette adresse',
  apiCurrentOk: 'L’API répond à cette adresse.',
  apiNone: 'Aucune API Relais ne répond sur cet ordinateur (ports 8787, 8788, 3000…). Dans le dossier de Relais, lancez « npm start » : il affiche l’adresse à saisir ici, par exemple http://127.0.0.1:8787. Pour une API en ligne, saisissez son adresse https://.',
  // money tab
  lateList: 'En retard',
  toBePaidList: 'À recevoir',
  paidList: 'Payé ce mois-ci',
  nothingToBePaid: 'Rien à recevoir pour l’instant.',
  nothingPaid: 'Aucun paiement reçu ce mois-ci.',
  expectedPortalInvoice: (portal: string) => `Facture ${portal} attendue`,
  salaryBudgetOf: 'Budget salarial SMart',
  salaryBudget: 'Budget salarial',
  paidOn: 'payé le',
  expectedOn: 'prévu le',
  expectedBetween: (a: string, b: string) => `prévu entre le ${a} et le ${b}`,
  payoutLateSince: (d: string) => `versement attendu au plus tard le ${d}`,
  clientLate: (n: number) => `client en retard de ${n} jour${n > 1 ? 's' : ''}`,
  feeOf: 'commission',
  forMonth: 'prestation de',
  vatTitle: (y: number) => `Franchise de TVA ${y}`,
  vatBody: (revenue: string, base: string, pct: string) => `Chiffre d’affaires facturé : ${revenue}, soit ${pct} du seuil de ${base}.`,
  vatProjectedBase: (d: string, base: string, next: number) => `Au rythme des jours saisis et prévus, le seuil de ${base} sera dépassé le ${d} : TVA due à partir du 1er janvier ${next}.`,
  vatProjectedHigher: (d: string, higher: string) => `Le seuil majoré de ${higher} serait dépassé le ${d} : la TVA serait due dès la facture qui le dépasse.`,
  vatNoCrossing: (projected: string) => `Projection fin d’année : ${projected}, sans dépassement prévu.`,
  vatOverBase: (base: string, next: number) => `Seuil de ${base} dépassé : vous facturerez la TVA à partir du 1er janvier ${next}.`,
  vatOverHigher: (higher: string) => `Seuil majoré de ${higher} dépassé : la TVA est due dès maintenant, sur chaque facture. Passez au régime « TVA collectée » dans les options.`,
  ceilingTitle: (y: number) => `Plafond micro-entreprise ${y}`,
  ceilingBody: (collected: string, ceiling: string, pct: string) => `Encaissé cette année : ${collected}, soit ${pct} du plafond de ${ceiling}.`,
  ceilingProjected: (d: string) => `Au rythme des versements prévus, le plafond serait dépassé le ${d}.`,
  ceilingOver: (ceiling: string) => `Plafond de ${ceiling} dépassé : le régime micro-entreprise cessera. Parlez-en à votre comptable.`,
  vatNotApplicable: 'TVA collectée : pas de franchise à suivre.',
  openRelais: 'Ouvrir Relais (mois, factures, documents)',
  validatedOn: (d: string) => `Validé par le client le ${d}`,
  invoiceNumber: (n: string) => `facture ${n}`,
  poOverrun: (consumed: string, budget: string, pct: string) => `Bon de commande dépassé : ${consumed} jours sur ${budget} (${pct}). Demandez un renouvellement avant de facturer plus.`,
  poConsumed: (consumed: string, budget: string, pct: string) => `Bon de commande : ${consumed} jours sur ${budget} (${pct})`,
  doubleBooked: (dates: string, other: string) => `Jour compté deux fois : ${dates} aussi en journée pleine sur ${other}.`,
  portalBroken: (portal: string, page: string, at: string) => `Le portail ${portal} a changé (${page}, ${at}) : le remplissage automatique y est suspendu.`,
};
export type Strings = typeof fr;

const en: Strings = {
  cra: 'Timesheet',
  money: 'Money',
  noMission: 'No mission yet. Add one in the options.',
  signIn: 'Sign in from the Relais options.',
  openOptions: 'Open options',
  fill: 'Fill working days',
  prevMonth: 'Previous month',
  nextMonth: 'Next month',
  days: 'Days',
  amountHT: 'Amount excl. VAT',
  fees: 'Commission',
  payout: 'Payout',
  payoutDate: 'Payout date',
  submit: 'Submit',
  state_draft: 'Draft',
  state_submitted: 'Submitted',
  state_validated: 'Validated',
  state_refused: 'Refused',
  pending: 'Edits waiting to sync',
  offline: 'Offline: your edits are kept and will be sent when the network is back',
  synced: 'Synced',
  conflictTitle: 'This month changed elsewhere',
  conflictMine: 'My version',
  conflictTheirs: 'Server version',
  keepMine: 'Keep mine',
  takeTheirs: 'Take the server’s',
  refusedBecause: 'Refused: ',
  upcoming: 'Upcoming payouts',
  noInvoices: 'No open invoice.',
  overdue: 'Overdue invoices',
  penalties: 'penalties to date',
  pdfDownload: 'Download the invoice (Factur-X PDF)',
  pdfFailed: 'The PDF could not be downloaded (offline?)',
  vatBar: 'VAT franchise',
  base: 'threshold',
  projected: 'Year-end projection (captured and planned days):',
  higher: 'higher threshold',
  crossing: 'Expected crossing on',
  noCrossing: 'No crossing expected this year',
  inDays: (n: number) => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : n > 0 ? `in ${n} days` : `${-n} days late`),
  holiday: 'Holiday',
  weekend: 'Weekend',
  outside: 'Outside the mission',
  apiUrl: 'API address',
  save: 'Save',
  email: 'Email',
  sendCode: 'Email me a code',
  code: 'Code from the email (6 digits)',
  verify: 'Sign in',
  signedInAs: 'Signed in as',
  signOut: 'Sign out',
  codeSent: 'Code sent. Check your mailbox.',
  newMission: 'New mission',
  client: 'Client',
  portal: 'Portal',
  dailyRate: 'Daily rate excl. VAT (€)',
  signedOn: 'Contract signed on',
  plan: 'Plan',
  startsOn: 'Starts',
  endsOn: 'Ends',
  budgetDays: 'Budget (days)',
  create: 'Create',
  created: 'Mission created.',
  options: 'Relais options',
  submitPending: 'Submit pending',
  submitPendingHelp: 'The submit goes out as soon as the API answers.',
  cancelSubmit: 'Cancel submit',
  submitRefused: 'Not submitted: ',
  submitChanged: 'This month changed elsewhere before it was submitted: check it and submit again.',
  lines: 'Expenses and on-call',
  addLine: 'Add a line',
  lineKind: 'Kind',
  kind_expense: 'Expense',
  kind_on_call: 'On-call',
  kind_overtime: 'Overtime',
  kind_correction: 'Correction',
  label: 'Label',
  amountHTEuros: 'Amount excl. VAT (€)',
  vatRate: 'VAT',
  receiptRef: 'Receipt',
  remove: 'Remove',
  edit: 'Edit',
  cancel: 'Cancel',
  ok: 'OK',
  linesTotal: 'Lines',
  badAmount: 'Invalid amount: write e.g. 12.50 (at most two decimals)',
  labelRequired: 'A label is required',
  language: 'Language',
  languageAuto: 'The browser’s',
  detectApi: 'Look for a local API',
  detecting: 'Looking for a Relais API on this computer…',
  apiFound: (url: string) => `Relais API found: ${url}`,
  apiFoundOthers: (url: string) => `A Relais API answers on ${url}, not at the saved address.`,
  useThis: 'Use this address',
  apiCurrentOk: 'The API answers at this address.',
  apiNone: 'No Relais API answers on this computer (ports 8787, 8788, 3000…). In the Relais folder, run “npm start”: it prints the address to type here, for example http://127.0.0.1:8787. For an online API, type its https:// address.',
  lateList: 'Late',
  toBePaidList: 'To be paid',
  paidList: 'Paid this month',
  nothingToBePaid: 'Nothing to be paid yet.',
  nothingPaid: 'No payment received this month.',
  expectedPortalInvoice: (portal: string) => `${portal} invoice expected`,
  salaryBudgetOf: 'SMart salary budget',
  salaryBudget: 'Salary budget',
  paidOn: 'paid on',
  expectedOn: 'expected on',
  expectedBetween: (a: string, b: string) => `expected between ${a} and ${b}`,
  payoutLateSince: (d: string) => `payout expected by ${d} at the latest`,
  clientLate: (n: number) => `client ${n} day${n > 1 ? 's' : ''} late`,
  feeOf: 'commission',
  forMonth: 'work of',
  vatTitle: (y: number) => `VAT franchise ${y}`,
  vatBody: (revenue: string, base: string, pct: string) => `Invoiced turnover: ${revenue}, ${pct} of the ${base} threshold.`,
  vatProjectedBase: (d: string, base: string, next: number) => `At the pace of captured and planned days, the ${base} threshold will be exceeded on ${d}: VAT due from 1 January ${next}.`,
  vatProjectedHigher: (d: string, higher: string) => `The higher threshold of ${higher} would be exceeded on ${d}: VAT would be due from the invoice that exceeds it.`,
  vatNoCrossing: (projected: string) => `Year-end projection: ${projected}, no threshold exceeded.`,
  vatOverBase: (base: string, next: number) => `The ${base} threshold is exceeded: you will charge VAT from 1 January ${next}.`,
  vatOverHigher: (higher: string) => `The higher threshold of ${higher} is exceeded: VAT is due now, on every invoice. Switch to “VAT charged” in the options.`,
  ceilingTitle: (y: number) => `Micro-business ceiling ${y}`,
  ceilingBody: (collected: string, ceiling: string, pct: string) => `Collected this year: ${collected}, ${pct} of the ${ceiling} ceiling.`,
  ceilingProjected: (d: string) => `At the pace of expected payouts, the ceiling would be exceeded on ${d}.`,
  ceilingOver: (ceiling: string) => `The ${ceiling} ceiling is exceeded: the micro-business regime will end. Talk to your accountant.`,
  vatNotApplicable: 'VAT charged: no franchise to follow.',
  openRelais: 'Open Relais (month, invoices, documents)',
  validatedOn: (d: string) => `Validated by the client on ${d}`,
  invoiceNumber: (n: string) => `invoice ${n}`,
  poOverrun: (consumed: string, budget: string, pct: string) => `Purchase order overrun: ${consumed} days of ${budget} (${pct}). Ask for a renewal before invoicing more.`,
  poConsumed: (consumed: string, budget: string, pct: string) => `Purchase order: ${consumed} days of ${budget} (${pct})`,
  doubleBooked: (dates: string, other: string) => `Day counted twice: ${dates} is also a full day on ${other}.`,
  portalBroken: (portal: string, page: string, at: string) => `The ${portal} portal changed (${page}, ${at}): automatic filling is paused there.`,
};

export type Locale = 'fr' | 'en';

/**
 * The language the user chose in the options (`localStorage`, shared by the extension's own
 * pages and read synchronously so the popup paints at once), else the browser's.
 */
export const LANGUAGE_KEY = 'relais.language';
export type LanguageChoice = Locale | 'auto';

export function languageChoice(): LanguageChoice {
  try {
    const chosen = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    return chosen === 'fr' || chosen === 'en' ? chosen : 'auto';
  } catch {
    return 'auto';
  }
}

/** Keeps the choice; the pages read it when they next load (the options page reloads itself). */
export function setLanguageChoice(choice: LanguageChoice): void {
  if (choice === 'auto') globalThis.localStorage?.removeItem(LANGUAGE_KEY);
  else globalThis.localStorage?.setItem(LANGUAGE_KEY, choice);
  // The portal overlays follow the same choice: the background reads it from extension storage (portal.words).
  void mirrorLanguageChoice(choice);
}

/** Copies the choice where the background can read it (localStorage is the pages' only). */
export async function mirrorLanguageChoice(choice: LanguageChoice = languageChoice()): Promise<void> {
  const storage = (globalThis as { chrome?: { storage?: { local?: { set(v: object): Promise<void> } } } }).chrome?.storage?.local;
  await storage?.set({ [LANGUAGE_KEY]: choice }).catch(() => undefined);
}

/** The language a choice gives, `auto` being the browser's (the same rule for the pages and the overlays). */
export const localeOf = (choice: unknown, browserLanguage: string | undefined): Locale => (choice === 'fr' || choice === 'en' ? choice : (browserLanguage ?? 'fr').toLowerCase().startsWith('fr') ? 'fr' : 'en');

const choice = languageChoice();
export const locale: Locale = localeOf(choice, globalThis.navigator?.language);
// A page opening keeps the overlays' copy of the choice current (made before the copy existed, or in another profile sync).
if ((globalThis as { localStorage?: unknown }).localStorage) void mirrorLanguageChoice(choice);
export const t: Strings = locale === 'fr' ? fr : en;
const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';

export const money = (cents: number) => formatMoney(cents, locale);

const dateFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const weekdayFormat = new Intl.DateTimeFormat(tag, { weekday: 'narrow', timeZone: 'UTC' });

/** '2026-05-18' → '18 mai 2026' / '18 May 2026'. */
export const formatDate = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
/** '2026-05' → 'mai 2026' / 'May 2026'. */
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
/** Monday-first narrow weekday names. */
export const weekdays = [5, 6, 7, 8, 9, 10, 11].map((d) => weekdayFormat.format(new Date(Date.UTC(2024, 1, d))));
