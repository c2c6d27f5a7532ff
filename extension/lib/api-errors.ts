import type { Locale } from './i18n';
import { planName } from './words';

/**
 * The API's error codes and validation issues in the user's language. The API keeps stable
 * English codes and English messages for developers; the extension never shows those
 * messages: it reads the code (and, for a few codes, a number or a list out of the message)
 * and writes its own sentence. A code it does not know falls back on the HTTP status.
 */

/** An error as the extension holds it: a SyncError, a background reply, a thrown Error. */
export type ApiErrorLike = { status?: number; code?: string; message?: string; issues?: readonly IssueLike[] };
/** One field issue of a 422: `path` is dotted (`days.2026-05-14`), `code` the valibot issue type. */
export type IssueLike = { path: string; code?: string; message?: string };

type Text = string | ((e: ApiErrorLike) => string);

/** Plans named in an API message ("available: basic, express") as words. */
function plansIn(message: string | undefined, after: RegExp, locale: Locale): string | null {
  const m = after.exec(message ?? '');
  if (!m?.[1]) return null;
  const plans = m[1].split(/[,;]\s*/).map((p) => p.trim().replace(/\.$/, '')).filter(Boolean);
  return plans.length ? plans.map((p) => planName(p, locale)).join(locale === 'fr' ? ', ' : ', ') : null;
}
const number = (message: string | undefined, re: RegExp) => re.exec(message ?? '')?.[1] ?? null;

const FR: Record<string, Text> = {
  // network and extension-side
  offline: 'Relais ne joint pas l’API (hors ligne, ou adresse de l’API incorrecte dans les options). Vos saisies sont gardées.',
  no_answer: 'L’extension n’a pas répondu. Rechargez la page.',
  failed: 'L’opération n’a pas abouti. Réessayez.',
  insecure_url: 'Adresse refusée : utilisez https://, ou une adresse locale (http://localhost:…).',
  signed_out: 'Vous n’êtes pas connecté : connectez-vous dans les options de Relais.',
  changed_elsewhere: 'Ce mois a changé ailleurs avant d’être soumis : vérifiez-le et soumettez à nouveau.',
  forbidden: 'Action refusée pour cette page.',
  permission_refused: 'Accès refusé dans le navigateur : Relais ne peut pas joindre cette adresse.',
  unknown_message: 'Demande inconnue de l’extension.',
  unknown_bundle: 'Cette page du portail n’est pas prise en charge.',
  unknown_page: 'Cette page du portail n’est pas reconnue.',
  inject_failed: 'Relais n’a pas pu s’installer sur cette page. Rechargez-la.',
  invalid_observation: 'La page du portail ne ressemble pas à ce que Relais attend : rien n’a été fait.',
  // auth
  unauthorized: 'Votre session a expiré ou a été révoquée : reconnectez-vous dans les options.',
  invalid_code: (e) => {
    const left = number(e.message, /(\d+)\s+(?:tries|attempts?)\s+left/i);
    return left ? `Code incorrect (encore ${left} essai${left === '1' ? '' : 's'}).` : 'Code incorrect, expiré ou déjà utilisé : demandez-en un nouveau.';
  },
  too_many_attempts: 'Trop d’essais : demandez un nouveau code dans quelques minutes.',
  rate_limited: 'Trop de demandes en peu de temps : patientez un instant puis réessayez.',
  too_many_requests: 'Trop de demandes en peu de temps : patientez un instant puis réessayez.',
  mail_unavailable: 'Ce serveur Relais ne peut pas encore envoyer d’e-mails : le code de connexion ne peut pas partir.',
  // generic API
  validation_failed: 'Certaines valeurs sont refusées : corrigez les champs signalés.',
  malformed_request: 'La demande envoyée est illisible. Rechargez l’extension et réessayez.',
  payload_too_large: 'Envoi trop volumineux (1 Mo au plus).',
  not_found: 'Introuvable : cet élément n’existe pas ou plus.',
  internal_error: 'Erreur du serveur Relais ; rien n’a été enregistré à moitié. Réessayez.',
  misconfigured: 'Le serveur Relais est mal configuré (base de données absente).',
  overloaded: 'Le serveur Relais est surchargé : réessayez dans un instant.',
  service_unavailable: 'Le serveur Relais est momentanément indisponible : réessayez dans un instant.',
  idempotency_key_reused: 'Cette demande a déjà été envoyée avec un autre contenu. Réessayez.',
  stale_revision: 'Ce mois a changé entre-temps : relisez-le puis recommencez.',
  // CRA
  cra_locked: 'Ce CRA est validé : il ne peut plus changer.',
  cra_submitted: 'Ce CRA est soumis : il ne peut changer que si le client le refuse.',
  cra_already_submitted: 'Ce CRA est déjà soumis.',
  cra_not_submitted: 'Seul un CRA soumis peut être validé ou refusé.',
  cra_empty: 'Rien à soumettre : saisissez au moins un jour ou une ligne.',
  refusal_reason_required: 'Indiquez pourquoi le CRA est refusé.',
  validation_date_invalid: 'Date de validation impossible pour ce mois : un CRA se valide une fois son mois commencé.',
  day_outside_month: 'Un jour saisi n’appartient pas à ce mois.',
  day_outside_mission: 'Un jour saisi est en dehors des dates de la mission.',
  worked_non_working_day: 'Un jour saisi est un week-end ou un jour férié.',
  quantity_not_allowed: 'Quantité de jour non permise (0, ½ ou 1 jour).',
  correction_month_invalid: 'Une correction ne peut porter que sur un mois antérieur.',
  // invoices
  invoice_date_before_last: 'Une facture datée plus tard existe déjà : les numéros de facture doivent suivre les dates. Choisissez une date égale ou postérieure.',
  vat_threshold_crossed: 'Cette facture fait dépasser le seuil de franchise de TVA : la TVA devient due. Vérifiez votre régime de TVA dans les options.',
  already_cancelled: 'Cette facture est déjà annulée par un avoir.',
  not_cancellable: 'Un avoir ne peut pas être annulé.',
  not_payable: 'Un avoir ne donne lieu à aucun versement.',
  documents_unavailable: 'Ce serveur Relais ne sait pas encore produire les PDF et XML.',
  buyer_identifier_missing: 'Il manque l’identifiant du client (SIREN ou n° de TVA) : complétez la mission.',
  future_date: 'Cette date est dans le futur.',
  payment_exceeds_amount: 'Le montant payé dépasse le reste dû.',
  mail_failed: 'L’e-mail n’a pas pu partir. Réessayez plus tard.',
  client_email_missing: 'La mission n’a pas d’e-mail client : ajoutez-le dans les options.',
  not_freelancer_invoice: 'Cette facture est émise par le portail ou la coopérative, qui l’envoie lui-même au client.',
  recipient_mismatch: 'L’e-mail du client a changé entre-temps : rechargez et vérifiez le destinataire.',
  reminder_not_applicable: 'Le portail relance lui-même ses clients : les relances ne concernent que les clients directs.',
  not_overdue: 'Cette facture n’est pas encore en retard : pas de relance avant le lendemain de l’échéance.',
  reminder_not_due: 'Cette étape de relance n’est pas encore atteinte.',
  submit_pending: 'Ce mois est en cours de soumission : annulez la soumission pour le modifier.',
  conflict: 'Ce mois a changé ailleurs : choisissez d’abord quelle version garder.',
  // missions and plans
  plan_not_available: (e) => {
    const plans = plansIn(e.message, /available:\s*([^.]+)/i, 'fr');
    return plans ? `Cette formule n’est pas proposée pour ce contrat. Formules possibles : ${plans}.` : 'Cette formule n’est pas proposée pour ce contrat.';
  },
  plan_required: (e) => {
    const plans = plansIn(e.message, /plan:\s*([^.]+)/i, 'fr');
    return plans ? `Choisissez une formule : ${plans}.` : 'Choisissez une formule de paiement.';
  },
  plan_unknown: 'Formule de paiement inconnue.',
  terms_too_long: 'Délai de paiement trop long : 60 jours au plus après la date de facture (art. L441-10 du Code de commerce).',
  below_minimum_gross: 'Le salaire brut par jour est sous le minimum légal de ce contrat SMart.',
  budget_required: 'Un bon de commande a un budget : indiquez un nombre de jours ou un montant.',
  dates_out_of_order: 'La date de fin est avant la date de début.',
  mission_running: 'La mission a commencé : le TJM et la formule ne changent qu’au renouvellement.',
  renewal_starts_too_early: 'Un renouvellement commence après la fin du bon de commande en cours.',
  webhook_disabled: 'Ce webhook est désactivé : réactivez-le d’abord.',
  // added with the ledger, security and e-invoicing rules
  insufficient_scope: 'Ce jeton ne permet que la lecture : utilisez un jeton en écriture ou votre session.',
  idempotency_in_progress: 'La même demande est déjà en cours : patientez un instant.',
  headers_too_large: 'La demande est trop volumineuse (en-têtes). Rechargez l’extension et réessayez.',
  not_issued_by_freelancer: 'Ce document est émis par le portail ou la coopérative, pas dans votre série : c’est à eux de l’envoyer ou de l’annuler.',
  series_started: 'Relais a déjà numéroté des factures cette année : la série continue à partir d’elles et ne peut plus être déplacée.',
  not_uploadable: 'Cette facture ne se dépose pas sur un portail.',
  not_a_portal_invoice: 'Ce document n’est pas une facture attendue d’un portail.',
  buyer_reference_missing: 'Le bon de commande du client manque : renseignez sa référence sur la mission.',
  billed_to_portal: 'Cette facture est adressée au portail : déposez-la sur le portail, qui facture le client.',
  conflict_settled: 'Ce désaccord est déjà réglé.',
  cancel_by_credit_note: 'Une facture émise ne se modifie pas : annulez-la par un avoir.',
  date_in_future: 'Cette date est dans le futur : une validation, un paiement ou un dépôt a déjà eu lieu.',
  mandatory_mentions_missing: 'La facture n’aurait pas toutes les mentions obligatoires : complétez les champs signalés (profil ou mission).',
  sync_cursor_stuck: 'La synchronisation n’avance plus : réessayez plus tard.',
  sync_too_many_pages: 'Trop de changements à la fois : la synchronisation reprendra au prochain passage.',
};

const EN: Record<string, Text> = {
  offline: 'Relais cannot reach the API (offline, or a wrong API address in the options). Your edits are kept.',
  no_answer: 'The extension did not answer. Reload the page.',
  failed: 'That did not work. Try again.',
  insecure_url: 'Address refused: use https://, or a local address (http://localhost:…).',
  signed_out: 'You are not signed in: sign in from the Relais options.',
  changed_elsewhere: 'This month changed elsewhere before it was submitted: check it and submit again.',
  forbidden: 'Not allowed on this page.',
  permission_refused: 'Access refused in the browser: Relais cannot reach this address.',
  unknown_message: 'Unknown request inside the extension.',
  unknown_bundle: 'This portal page is not supported.',
  unknown_page: 'This portal page is not recognised.',
  inject_failed: 'Relais could not start on this page. Reload it.',
  invalid_observation: 'The portal page does not look as Relais expects: nothing was done.',
  unauthorized: 'Your session expired or was revoked: sign in again from the options.',
  invalid_code: (e) => {
    const left = number(e.message, /(\d+)\s+(?:tries|attempts?)\s+left/i);
    return left ? `Wrong code (${left} ${left === '1' ? 'try' : 'tries'} left).` : 'Wrong, expired or already used code: ask for a new one.';
  },
  too_many_attempts: 'Too many tries: ask for a new code in a few minutes.',
  rate_limited: 'Too many requests in a short time: wait a moment and try again.',
  too_many_requests: 'Too many requests in a short time: wait a moment and try again.',
  mail_unavailable: 'This Relais server cannot send email yet: the sign-in code cannot be sent.',
  validation_failed: 'Some values were refused: fix the fields shown.',
  malformed_request: 'The request could not be read. Reload the extension and try again.',
  payload_too_large: 'Too large to send (1 MB at most).',
  not_found: 'Not found: it does not exist, or no longer.',
  internal_error: 'The Relais server failed; nothing was half-saved. Try again.',
  misconfigured: 'The Relais server is misconfigured (no database).',
  overloaded: 'The Relais server is overloaded: try again in a moment.',
  service_unavailable: 'The Relais server is unavailable for a moment: try again shortly.',
  idempotency_key_reused: 'This request was already sent with different content. Try again.',
  stale_revision: 'This month changed meanwhile: read it again, then retry.',
  cra_locked: 'This timesheet is validated: it cannot change any more.',
  cra_submitted: 'This timesheet is submitted: it can change only if the client refuses it.',
  cra_already_submitted: 'This timesheet is already submitted.',
  cra_not_submitted: 'Only a submitted timesheet can be validated or refused.',
  cra_empty: 'Nothing to submit: capture at least one day or line.',
  refusal_reason_required: 'Say why the timesheet is refused.',
  validation_date_invalid: 'Impossible validation date for this month: a timesheet is validated once its month has begun.',
  day_outside_month: 'A captured day is not in this month.',
  day_outside_mission: 'A captured day is outside the mission’s dates.',
  worked_non_working_day: 'A captured day is a weekend day or a public holiday.',
  quantity_not_allowed: 'Day quantity not allowed (0, ½ or 1 day).',
  correction_month_invalid: 'A correction can only fix an earlier month.',
  invoice_date_before_last: 'An invoice dated later already exists: invoice numbers must follow dates. Choose the same date or a later one.',
  vat_threshold_crossed: 'This invoice crosses the VAT franchise threshold: VAT becomes due. Check your VAT regime in the options.',
  already_cancelled: 'This invoice is already cancelled by a credit note.',
  not_cancellable: 'A credit note cannot be cancelled.',
  not_payable: 'A credit note has no payout.',
  documents_unavailable: 'This Relais server cannot render PDFs and XML yet.',
  buyer_identifier_missing: 'The client’s identifier (SIREN or VAT number) is missing: complete the mission.',
  future_date: 'This date is in the future.',
  payment_exceeds_amount: 'The amount paid is more than what is left to pay.',
  mail_failed: 'The email could not be sent. Try again later.',
  client_email_missing: 'The mission has no client email: add it in the options.',
  not_freelancer_invoice: 'This invoice is issued by the portal or the cooperative, which sends it to the client itself.',
  recipient_mismatch: 'The client’s email changed meanwhile: reload and check the recipient.',
  reminder_not_applicable: 'The portal chases its own clients: reminders are for direct clients only.',
  not_overdue: 'This invoice is not late yet: no reminder before the day after it is due.',
  reminder_not_due: 'This reminder step is not reached yet.',
  submit_pending: 'This month is being submitted: cancel the submit to edit it.',
  conflict: 'This month changed elsewhere: choose which version to keep first.',
  plan_not_available: (e) => {
    const plans = plansIn(e.message, /available:\s*([^.]+)/i, 'en');
    return plans ? `This plan is not offered for this contract. Possible plans: ${plans}.` : 'This plan is not offered for this contract.';
  },
  plan_required: (e) => {
    const plans = plansIn(e.message, /plan:\s*([^.]+)/i, 'en');
    return plans ? `Choose a plan: ${plans}.` : 'Choose a payment plan.';
  },
  plan_unknown: 'Unknown payment plan.',
  terms_too_long: 'Payment terms too long: 60 days at most after the invoice date (art. L441-10 French Commercial Code).',
  below_minimum_gross: 'The gross salary per day is below the legal minimum of this SMart contract.',
  budget_required: 'A purchase order has a budget: give a number of days or an amount.',
  dates_out_of_order: 'The end date is before the start date.',
  mission_running: 'The mission has started: the daily rate and the plan change only at renewal.',
  renewal_starts_too_early: 'A renewal starts after the current purchase order ends.',
  webhook_disabled: 'This webhook is disabled: enable it first.',
  // added with the ledger, security and e-invoicing rules
  insufficient_scope: 'This token is read-only: use a write token or your session.',
  idempotency_in_progress: 'The same request is already under way: wait a moment.',
  headers_too_large: 'The request is too large (headers). Reload the extension and try again.',
  not_issued_by_freelancer: 'This document is issued by the portal or the cooperative, not in your series: they send or cancel it.',
  series_started: 'Relais has already numbered invoices this year: the series goes on from them and can no longer be moved.',
  not_uploadable: 'This invoice is not uploaded to a portal.',
  not_a_portal_invoice: 'This document is not an invoice expected from a portal.',
  buyer_reference_missing: "The client's purchase order is missing: enter its reference on the mission.",
  billed_to_portal: 'This invoice is addressed to the portal: upload it on the portal, which bills the client.',
  conflict_settled: 'This disagreement is already settled.',
  cancel_by_credit_note: 'An issued invoice cannot be changed: cancel it with a credit note.',
  date_in_future: 'This date is in the future: a validation, a payment or an upload has already happened.',
  mandatory_mentions_missing: 'The invoice would lack mandatory mentions: fill in the fields shown (profile or mission).',
  sync_cursor_stuck: 'Sync is not moving forward: try again later.',
  sync_too_many_pages: 'Too many changes at once: sync will resume on its next run.',
};

const BY_STATUS: Record<Locale, Record<number, string>> = {
  fr: {
    0: FR.offline as string,
    400: 'Demande refusée par le serveur Relais.',
    401: FR.unauthorized as string,
    403: 'Accès refusé.',
    404: FR.not_found as string,
    409: 'Conflit : l’élément a changé ou est dans un état qui ne le permet pas. Rechargez et réessayez.',
    412: FR.stale_revision as string,
    413: FR.payload_too_large as string,
    422: FR.validation_failed as string,
    429: FR.rate_limited as string,
    500: FR.internal_error as string,
    502: 'Le serveur Relais ne répond pas correctement : réessayez dans un instant.',
    503: FR.service_unavailable as string,
  },
  en: {
    0: EN.offline as string,
    400: 'The Relais server refused the request.',
    401: EN.unauthorized as string,
    403: 'Access denied.',
    404: EN.not_found as string,
    409: 'Conflict: it changed or is in a state that does not allow this. Reload and try again.',
    412: EN.stale_revision as string,
    413: EN.payload_too_large as string,
    422: EN.validation_failed as string,
    429: EN.rate_limited as string,
    500: EN.internal_error as string,
    502: 'The Relais server is not answering properly: try again in a moment.',
    503: EN.service_unavailable as string,
  },
};

/** Every code this module words (the unit test checks the API emits no other). */
export const KNOWN_ERROR_CODES: readonly string[] = Object.keys(FR);

/** Browser wording of a fetch that never reached a server (Chrome, Firefox, Safari). */
const NETWORK = /failed to fetch|networkerror|network request failed|load failed|fetch failed|ERR_CONNECTION|ECONNREFUSED/i;

function asError(error: unknown): ApiErrorLike {
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const inner = (e.error && typeof e.error === 'object' ? e.error : e) as Record<string, unknown>;
    return {
      status: typeof inner.status === 'number' ? inner.status : typeof e.status === 'number' ? e.status : undefined,
      code: typeof inner.code === 'string' ? inner.code : undefined,
      message: typeof inner.message === 'string' ? inner.message : undefined,
      issues: Array.isArray(inner.issues) ? (inner.issues as IssueLike[]) : undefined,
    };
  }
  return { message: typeof error === 'string' ? error : undefined };
}

/**
 * One sentence for the user about an API or extension failure, in their language; never the
 * API's English message.
 * @example apiErrorText({ status: 0, code: 'offline', message: 'Failed to fetch' }, 'fr') // 'Relais ne joint pas l’API …'
 * @example apiErrorText({ status: 409, code: 'brand_new_code', message: '…' }, 'en') // 'Conflict: …'
 */
export function apiErrorText(error: unknown, locale: Locale): string {
  const e = asError(error);
  const table = locale === 'fr' ? FR : EN;
  if (e.status === 0 || (!e.code && NETWORK.test(e.message ?? '')) || (e.code === 'failed' && NETWORK.test(e.message ?? ''))) {
    return table.offline as string;
  }
  const known = e.code ? table[e.code] : undefined;
  if (known) {
    const text = typeof known === 'function' ? known(e) : known;
    if (e.code === 'validation_failed' && e.issues?.length) return `${text} ${e.issues.map((i) => fieldErrorText(i, locale)).join(' · ')}`;
    return text;
  }
  const status = e.status ?? Number(/^http_(\d{3})$/.exec(e.code ?? '')?.[1] ?? NaN);
  const byStatus = BY_STATUS[locale];
  if (Number.isFinite(status)) return byStatus[status] ?? (status >= 500 ? byStatus[500]! : byStatus[400]!);
  return table.failed as string;
}

// ---- validation issues -------------------------------------------------------------

const FIELD: Record<Locale, Readonly<Record<string, string>>> = {
  fr: {
    email: 'E-mail', code: 'Code', apiUrl: 'Adresse de l’API', client: 'Client', clientName: 'Client', title: 'Nom de la mission',
    serviceDescription: 'Libellé de la prestation', portal: 'Portail', plan: 'Formule', dailyRateCents: 'TJM', dailyRate: 'TJM',
    contractSignedOn: 'Date de signature du contrat', startsOn: 'Date de début', endsOn: 'Date de fin', budgetDays: 'Budget en jours',
    budgetCents: 'Budget en euros', reference: 'N° de bon de commande', country: 'Pays', invoiceMode: 'Facturation',
    clientTermsDays: 'Délai de paiement du client', smartContractType: 'Type de contrat SMart', clientSiren: 'SIREN du client',
    clientCountry: 'Pays du client', clientVatNumber: 'N° de TVA du client', clientAddressLine: 'Adresse du client',
    clientPostcode: 'Code postal du client', clientCity: 'Ville du client', clientElectronicAddress: 'Adresse électronique de facturation',
    clientElectronicAddressScheme: 'Schéma de l’adresse électronique', clientEmail: 'E-mail du client', daysPerWeek: 'Jours par semaine',
    legalName: 'Nom ou raison sociale', tradeName: 'Nom commercial', legalForm: 'Forme juridique', siret: 'SIRET', vatNumber: 'N° de TVA',
    vatRegime: 'Régime de TVA', addressLine: 'Adresse', postcode: 'Code postal', city: 'Ville', iban: 'IBAN', bic: 'BIC',
    days: 'Jours', lines: 'Lignes', label: 'Libellé', amountCents: 'Montant', vatRateBps: 'Taux de TVA', receiptRef: 'Justificatif',
    correctsMonth: 'Mois corrigé', validatedOn: 'Date de validation', refusedOn: 'Date du refus', reason: 'Motif', paidOn: 'Date de paiement',
    paidCents: 'Montant payé', url: 'URL', expiresOn: 'Date d’expiration', name: 'Nom', year: 'Année', month: 'Mois',
    address: 'Adresse', line1: 'Rue', postalCode: 'Code postal', bankName: 'Banque', rcs: 'RCS', penaltyRateBps: 'Taux des pénalités',
    alsaceMoselle: 'Alsace-Moselle', to: 'Destinataire', step: 'Étape de relance', confirmed: 'Confirmation', locale: 'Langue',
    'Idempotency-Key': 'Identifiant de la demande', '(body)': 'Demande',
  },
  en: {
    email: 'Email', code: 'Code', apiUrl: 'API address', client: 'Client', clientName: 'Client', title: 'Mission name',
    serviceDescription: 'Service label', portal: 'Portal', plan: 'Plan', dailyRateCents: 'Daily rate', dailyRate: 'Daily rate',
    contractSignedOn: 'Contract signature date', startsOn: 'Start date', endsOn: 'End date', budgetDays: 'Budget in days',
    budgetCents: 'Budget in euros', reference: 'Purchase order number', country: 'Country', invoiceMode: 'Invoicing',
    clientTermsDays: 'Client payment terms', smartContractType: 'SMart contract type', clientSiren: 'Client SIREN',
    clientCountry: 'Client country', clientVatNumber: 'Client VAT number', clientAddressLine: 'Client address',
    clientPostcode: 'Client postcode', clientCity: 'Client city', clientElectronicAddress: 'Electronic invoicing address',
    clientElectronicAddressScheme: 'Electronic address scheme', clientEmail: 'Client email', daysPerWeek: 'Days per week',
    legalName: 'Legal name', tradeName: 'Trade name', legalForm: 'Legal form', siret: 'SIRET', vatNumber: 'VAT number',
    vatRegime: 'VAT regime', addressLine: 'Address', postcode: 'Postcode', city: 'City', iban: 'IBAN', bic: 'BIC',
    days: 'Days', lines: 'Lines', label: 'Label', amountCents: 'Amount', vatRateBps: 'VAT rate', receiptRef: 'Receipt',
    correctsMonth: 'Corrected month', validatedOn: 'Validation date', refusedOn: 'Refusal date', reason: 'Reason', paidOn: 'Payment date',
    paidCents: 'Amount paid', url: 'URL', expiresOn: 'Expiry date', name: 'Name', year: 'Year', month: 'Month',
    address: 'Address', line1: 'Street', postalCode: 'Postcode', bankName: 'Bank', rcs: 'RCS', penaltyRateBps: 'Penalty rate',
    alsaceMoselle: 'Alsace-Moselle', to: 'Recipient', step: 'Reminder step', confirmed: 'Confirmation', locale: 'Language',
    'Idempotency-Key': 'Request identifier', '(body)': 'Request',
  },
};

type Reason = { re: RegExp; fr: (m: RegExpExecArray) => string; en: (m: RegExpExecArray) => string };

/** The API's own custom messages (shared/schemas, worker/routes), recognised to say the same thing in French. */
const REASONS: readonly Reason[] = [
  { re: /Expected a date written YYYY-MM-DD/i, fr: () => 'date attendue (JJ/MM/AAAA)', en: () => 'a date is expected' },
  { re: /Expected a month written YYYY-MM/i, fr: () => 'mois attendu', en: () => 'a month is expected' },
  { re: /must not be before (?:startsOn|the start)/i, fr: () => 'ne peut pas être avant la date de début', en: () => 'cannot be before the start date' },
  { re: /must not be before the invoice date/i, fr: () => 'ne peut pas être avant la date de la facture', en: () => 'cannot be before the invoice date' },
  { re: /must not be in the future|is in the future/i, fr: () => 'ne peut pas être dans le futur', en: () => 'cannot be in the future' },
  { re: /must be at most ([\d\s.,]+) ?€/i, fr: (m) => `${m[1]!.trim()} € au plus`, en: (m) => `at most €${m[1]!.trim()}` },
  { re: /must be at most (\d+) characters/i, fr: (m) => `${m[1]} caractères au plus`, en: (m) => `${m[1]} characters at most` },
  { re: /must be at most ([\d.,]+) days/i, fr: (m) => `${m[1]} jours au plus`, en: (m) => `${m[1]} days at most` },
  { re: /legal maximum of (\d+) days/i, fr: (m) => `${m[1]} jours au plus (maximum légal)`, en: (m) => `${m[1]} days at most (legal maximum)` },
  { re: /integer number of cents/i, fr: () => 'montant invalide (deux décimales au plus)', en: () => 'invalid amount (two decimals at most)' },
  { re: /integer number of basis points/i, fr: () => 'taux invalide', en: () => 'invalid rate' },
  { re: /at most 3 decimals/i, fr: () => 'trois décimales au plus', en: () => 'three decimals at most' },
  { re: /must not be negative/i, fr: () => 'ne peut pas être négatif', en: () => 'cannot be negative' },
  { re: /must be positive/i, fr: () => 'doit être supérieur à zéro', en: () => 'must be more than zero' },
  { re: /2-letter country code/i, fr: () => 'code pays à 2 lettres attendu (FR, BE…)', en: () => 'a 2-letter country code is expected (FR, BE…)' },
  { re: /must not be empty|required/i, fr: () => 'à remplir', en: () => 'required' },
  { re: /postal code/i, fr: () => 'code postal invalide', en: () => 'invalid postcode' },
  { re: /valid SIRET/i, fr: () => 'SIRET invalide (14 chiffres, clé de contrôle fausse)', en: () => 'invalid SIRET (14 digits with a valid check key)' },
  { re: /SIREN/i, fr: () => 'SIREN invalide (9 chiffres)', en: () => 'invalid SIREN (9 digits)' },
  { re: /VAT number/i, fr: () => 'n° de TVA invalide (ex. FR12345678901)', en: () => 'invalid VAT number (e.g. FR12345678901)' },
  { re: /valid IBAN/i, fr: () => 'IBAN invalide', en: () => 'invalid IBAN' },
  { re: /valid BIC/i, fr: () => 'BIC invalide', en: () => 'invalid BIC' },
  { re: /email address/i, fr: () => 'adresse e-mail invalide', en: () => 'invalid email address' },
  { re: /6-digit code/i, fr: () => 'le code a 6 chiffres', en: () => 'the code has 6 digits' },
  { re: /portal name/i, fr: () => 'portail inconnu', en: () => 'unknown portal' },
  { re: /four-digit EAS code/i, fr: () => 'code de schéma à quatre chiffres (0225 annuaire français, 0208 numéro d’entreprise belge)', en: () => 'a four-digit scheme code (0225 French directory, 0208 Belgian enterprise number)' },
  { re: /not a cursor from this list/i, fr: () => 'page inconnue : rechargez la liste', en: () => 'unknown page: reload the list' },
  { re: /must be at least ([\d.,]+)$/i, fr: (m) => `${m[1]} au moins`, en: (m) => `at least ${m[1]}` },
  { re: /must be at most ([\d.,]+)$/i, fr: (m) => `${m[1]} au plus`, en: (m) => `at most ${m[1]}` },
  { re: /must be a number from (\d+) to (\d+)/i, fr: (m) => `un nombre de ${m[1]} à ${m[2]}`, en: (m) => `a number from ${m[1]} to ${m[2]}` },
  { re: /year like|must be a year/i, fr: () => 'année invalide', en: () => 'invalid year' },
  { re: /2000 or later/i, fr: () => '2000 ou après', en: () => '2000 or later' },
  { re: /2099 or earlier/i, fr: () => '2099 ou avant', en: () => '2099 or earlier' },
  { re: /already used for another request/i, fr: () => 'déjà utilisé pour une autre demande', en: () => 'already used for another request' },
  { re: /libsql:\/\/ or https:\/\//i, fr: () => 'adresse libsql:// ou https:// attendue', en: () => 'a libsql:// or https:// address is expected' },
  { re: /must be at most ([\d\s.,]+) ?(KB|MB|Ko|Mo)/i, fr: (m) => `${m[1]!.trim()} ${m[2]!.toUpperCase() === 'KB' ? 'Ko' : 'Mo'} au plus`, en: (m) => `${m[1]!.trim()} ${m[2]} at most` },
  { re: /must be base64/i, fr: () => 'fichier illisible : choisissez-le à nouveau', en: () => 'unreadable file: choose it again' },
  { re: /cursor returned by/i, fr: () => 'position de liste périmée : rechargez', en: () => 'stale list position: reload' },
  { re: /selector key|version such as|page of this portal/i, fr: () => 'page de portail non reconnue', en: () => 'portal page not recognised' },
  { re: /the freelancer confirms each sending/i, fr: () => 'confirmez l’envoi', en: () => 'confirm the sending' },
  { re: /must be (\d+(?:, \d+)*) or (\d+)/i, fr: (m) => `${m[1]} ou ${m[2]} attendu`, en: (m) => `${m[1]} or ${m[2]} expected` },
  { re: /must be one of|Expected \(?"/i, fr: () => 'valeur non proposée', en: () => 'not one of the offered values' },
];

/** Valibot's issue types (`issue.type`), for messages no reason above recognises. */
const KIND: Record<Locale, Readonly<Record<string, string>>> = {
  fr: {
    min_value: 'valeur trop petite', max_value: 'valeur trop grande', min_length: 'trop court', max_length: 'trop long',
    length: 'longueur incorrecte', non_empty: 'à remplir', regex: 'format invalide', email: 'adresse e-mail invalide', url: 'adresse invalide',
    picklist: 'valeur non proposée', literal: 'valeur non proposée', enum: 'valeur non proposée', union: 'valeur invalide',
    variant: 'valeur invalide', integer: 'nombre entier attendu', safe_integer: 'nombre entier attendu', finite: 'nombre attendu',
    number: 'nombre attendu', string: 'texte attendu', boolean: 'oui ou non attendu', object: 'à remplir', array: 'liste attendue',
    record: 'valeur invalide', check: 'valeur invalide', raw_check: 'valeur invalide', custom: 'valeur invalide', iso_date: 'date attendue',
    date: 'date attendue', value: 'valeur invalide', strict_object: 'champ inconnu', never: 'champ inconnu', invalid: 'valeur invalide',
  },
  en: {
    min_value: 'too small', max_value: 'too large', min_length: 'too short', max_length: 'too long', length: 'wrong length',
    non_empty: 'required', regex: 'invalid format', email: 'invalid email address', url: 'invalid address', picklist: 'not one of the offered values',
    literal: 'not one of the offered values', enum: 'not one of the offered values', union: 'invalid value', variant: 'invalid value',
    integer: 'a whole number is expected', safe_integer: 'a whole number is expected', finite: 'a number is expected', number: 'a number is expected',
    string: 'text is expected', boolean: 'yes or no is expected', object: 'required', array: 'a list is expected', record: 'invalid value',
    check: 'invalid value', raw_check: 'invalid value', custom: 'invalid value', iso_date: 'a date is expected', date: 'a date is expected',
    value: 'invalid value', strict_object: 'unknown field', never: 'unknown field', invalid: 'invalid value',
  },
};

/** Every valibot issue kind worded (the unit test checks the schemas use no other). */
export const KNOWN_ISSUE_KINDS: readonly string[] = Object.keys(KIND.fr);

/** valibot's default messages carry the requirement ("Expected >=1 but received 0"). */
function requirement(message: string | undefined): string | null {
  return /Expected ([<>]=?)\s?(-?[\d.]+)/.exec(message ?? '')?.slice(1).join(' ') ?? null;
}

/**
 * Why a field was refused, in the user's language, without the field's name (for a message
 * beside its input).
 * @example fieldReason({ path: 'dailyRateCents', code: 'min_value', message: 'must be positive' }, 'fr') // 'doit être supérieur à zéro'
 */
export function fieldReason(issue: IssueLike, locale: Locale): string {
  const reason = REASONS.find((r) => r.re.test(issue.message ?? ''));
  if (reason) return reason[locale](reason.re.exec(issue.message ?? '')!);
  const kind = KIND[locale][issue.code ?? ''] ?? KIND[locale].invalid!;
  const req = issue.code === 'min_value' || issue.code === 'max_value' ? requirement(issue.message) : null;
  if (req) {
    const [op, n] = req.split(' ');
    const bound = op!.startsWith('>') ? (locale === 'fr' ? 'au moins' : 'at least') : locale === 'fr' ? 'au plus' : 'at most';
    return `${bound} ${n}`;
  }
  return kind;
}

/** The field a path names, for people: `lines.0.amountCents` → 'Lignes, n° 1 : Montant'; a date key → the date. */
export function fieldName(path: string, locale: Locale): string {
  const parts = path.split('.');
  const names = parts.map((p, i) => {
    if (/^\d+$/.test(p) && i > 0) return locale === 'fr' ? `n° ${Number(p) + 1}` : `no. ${Number(p) + 1}`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(p)) return p.split('-').reverse().join('/');
    return FIELD[locale][p] ?? (locale === 'fr' ? `champ « ${p} »` : `field “${p}”`);
  });
  return names.join(', ');
}

/**
 * One refused field as a sentence: its name and why.
 * @example fieldErrorText({ path: 'iban', code: 'check', message: 'is not a valid IBAN' }, 'fr') // 'IBAN : IBAN invalide'
 */
export function fieldErrorText(issue: IssueLike, locale: Locale): string {
  return `${fieldName(issue.path, locale)}${locale === 'fr' ? ' : ' : ': '}${fieldReason(issue, locale)}`;
}
