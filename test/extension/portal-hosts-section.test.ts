// @vitest-environment happy-dom
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
const { PortalHostsSection } = await import('../../extension/options/portal-hosts-section');
const { o } = await import('../../extension/options/strings');

/** The options page's custom hosts, rendered: a bad address is said and kept; a granted one is listed and can be removed. */
let root: HTMLElement;
let asked: string[][];
const flush = () => new Promise((r) => setTimeout(r, 20));
const input = () => root.querySelector<HTMLInputElement>('input[name=origin]')!;
const type = async (value: string) => {
  input().value = value;
  input().dispatchEvent(new Event('input', { bubbles: true }));
  await flush();
};
const submit = async () => {
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await flush();
};

beforeEach(async () => {
  fakeBrowser.reset();
  asked = [];
  const scripts = new Map<string, { id: string }>();
  Object.assign(fakeBrowser.permissions, { request: async ({ origins }: { origins: string[] }) => (asked.push(origins), true), remove: async () => true });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => ids.filter((id) => scripts.has(id)).map((id) => scripts.get(id)),
    registerContentScripts: async (list: { id: string }[]) => list.forEach((s) => scripts.set(s.id, s)),
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => ids.forEach((id) => scripts.delete(id)),
  });
  root = document.createElement('div');
  (document.body as unknown as Node).appendChild(root);
  render(h(PortalHostsSection, {}), root);
  await flush();
});
afterEach(() => render(null, root));

describe('custom portal hosts in the options page', () => {
  it('says why an address is refused, keeps what was typed, and asks the browser nothing', async () => {
    await type('http://cra.client.example');
    await submit();
    expect(root.querySelector('.field-err')?.textContent).toBe(o.host_not_https);
    expect(input().value).toBe('http://cra.client.example');
    expect(asked).toEqual([]);
  });

  it('adds a host for the chosen portal, lists it, and removes it', async () => {
    const select = root.querySelector('select[name=portal]') as unknown as HTMLSelectElement;
    select.value = 'smart';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await type('devis.client.example');
    await submit();
    expect(asked).toEqual([['https://devis.client.example/*']]);
    expect(root.querySelector('.field-err')).toBeNull();
    expect(input().value).toBe('');
    const item = root.querySelector('li[data-host="https://devis.client.example"]');
    expect(item?.getAttribute('data-portal')).toBe('smart');
    item!.querySelector('button')!.click();
    await flush();
    expect(root.querySelector('li[data-host]')).toBeNull();
    expect(root.textContent).toContain(o.hostRemoved('https://devis.client.example'));
  });
});
