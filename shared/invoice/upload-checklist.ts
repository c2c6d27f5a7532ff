import type { UploadChecklist } from './issuers';

/**
 * Whether an invoice the freelancer uploads to a portal passes the portal's checklist (LittleBIG: a PDF under
 * 10 MB, addressed to LITTLE BIG CONNECTION, with the mission and purchase-order references). `null` for an
 * item that cannot be known yet (the PDF's size before it is uploaded).
 */
export type ChecklistItem = { key: 'pdfSize' | 'addressee' | 'missionReference' | 'purchaseOrderReference'; ok: boolean | null; detail?: string };

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/gi, '').toUpperCase();

/**
 * @example checkUpload(LITTLEBIG_UPLOAD, { buyerName: 'LittleBIG Connection', description: 'ACME — mission M-1, bon de commande B-2', missionRef: 'M-1', orderRef: 'B-2', pdfBytes: 120_000 })
 * // { ok: true, items: [pdfSize ✓, addressee ✓, missionReference ✓, purchaseOrderReference ✓] }
 */
export function checkUpload(rule: UploadChecklist, doc: { buyerName: string; description: string; missionRef: string | null; orderRef: string | null; pdfBytes: number | null }) {
  const text = norm(doc.description);
  const items: ChecklistItem[] = [
    { key: 'pdfSize', ok: doc.pdfBytes === null ? null : doc.pdfBytes > 0 && doc.pdfBytes < rule.maxPdfBytes, detail: `under ${rule.maxPdfBytes} bytes` },
    { key: 'addressee', ok: norm(doc.buyerName) === norm(rule.addressee), detail: rule.addressee },
  ];
  if (rule.references.includes('mission')) items.push({ key: 'missionReference', ok: !!doc.missionRef && text.includes(norm(doc.missionRef)) });
  if (rule.references.includes('purchaseOrder')) items.push({ key: 'purchaseOrderReference', ok: !!doc.orderRef && text.includes(norm(doc.orderRef)) });
  return { ok: items.every((i) => i.ok === true), items };
}
