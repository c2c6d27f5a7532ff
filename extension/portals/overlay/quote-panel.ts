import type { SmartQuoteForm } from '../../../shared/portals/smart';
import type { Operation } from '../apply';
import type { PortalRequests, QuoteOverride } from '../messages';
import { frQuantity } from '../parse';
import { afterRerender, READ_BACK_EVERY_MS } from '../protocol/settle';
import { prepare, readBack, write, type Locate, type Written } from '../protocol/write';
import { clientButton, fieldOf, type QuoteField } from '../smart/quote-form';
import { actions, button, h, p } from './dom';
import type { Panel, PanelContext } from './frame';
import { driftStop, fieldStop, type Stop } from './stops';
import { m } from './strings';

type Month = PortalRequests['portal.month']['res'];
const euros = (c: number) => `${(c / 100).toFixed(2).replace('.', ',')} €`;
const key = (x: unknown) => JSON.stringify(x);

/**
 * The SMart quote form: fill it from a SMart mission's month (client, dates, days, amount at
 * the daily rate, contract type), under the write protocol: every field found and its value
 * formatted for it (a date input takes ISO, a number input a dot decimal, the contract type
 * one of the form's own options) before anything is written, then read back and watched.
 * Warns when the gross per day is under the contract type's legal minimum, with the two ways
 * out (raise the amount, or part time). Relais never finalises the quote: the user does.
 */
export function quotePanel(ctx: PanelContext<SmartQuoteForm>): Panel<SmartQuoteForm> {
  const { env } = ctx;
  let model = ctx.model;
  let month = (model.startsOn ?? new Date().toISOString()).slice(0, 7);
  let missionId: string | undefined;
  let override: QuoteOverride = {};
  let data: Month | undefined;
  let planFor = '';
  let phase: 'idle' | 'preview' | 'written' = 'idle';
  let stop: Stop | null = null;
  let writes: Written[] = [];
  let verified = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const locate: Locate = (op) => fieldOf(env.doc, op.key as QuoteField);
  const redraw = ctx.redraw;

  const ask = () => {
    const asked = model;
    void env.ask('portal.month', { portal: 'smart', month, ...(missionId ? { missionId } : {}), page: asked, override }).then((r) => {
      // An answer for a form since read again comes too late.
      if (!r || asked !== model) return;
      // Until one is chosen, the first SMart mission.
      if (!missionId && !r.mission && r.missions[0]) {
        missionId = r.missions[0].id;
        return ask();
      }
      data = r;
      planFor = key(asked);
      redraw();
    });
  };

  const check = () => {
    const off = readBack(writes, locate);
    if (!off.length) return true;
    clearInterval(timer);
    verified = false;
    phase = 'idle';
    stop = driftStop(off);
    redraw();
    return false;
  };

  const fill = async () => {
    const now = ctx.readNow();
    if (!now.ok || key(now.model) !== planFor) {
      if (now.ok) model = now.model;
      phase = 'idle';
      stop = { reason: 'changed', text: m('changed') };
      ask();
      return redraw();
    }
    const ops = data?.quotePlan?.ops ?? [];
    // A client picked with buttons: the one button naming it, pressed after the typed fields.
    const pick = ops.find((o) => o.key === 'client' && !fieldOf(env.doc, 'client'));
    const typed = ops.filter((o) => o !== pick);
    const prepared = prepare(typed, locate);
    const pickButton = pick && pick.kind === 'set' ? clientButton(env.doc, pick.to) : null;
    const refusals = [...(prepared.ok ? [] : prepared.refusals), ...(pick && !pickButton ? [{ label: pick.label, why: 'option' as const }] : [])];
    if (refusals.length || !prepared.ok) {
      phase = 'idle';
      stop = fieldStop(refusals);
      return redraw();
    }
    write(prepared.writes, locate);
    (pickButton as HTMLElement | null)?.click();
    writes = prepared.writes;
    phase = 'written';
    stop = null;
    verified = false;
    redraw();
    clearInterval(timer);
    timer = setInterval(check, READ_BACK_EVERY_MS);
    await afterRerender(env.doc);
    if (phase !== 'written' || !check()) return;
    if (pickButton && pickButton.getAttribute('aria-pressed') !== 'true' && pickButton.getAttribute('aria-checked') !== 'true') {
      phase = 'idle';
      stop = { reason: 'drift', text: m('drift', `${pick!.label} : ${(pick as Operation & { kind: 'set' }).to}`) };
    } else verified = true;
    redraw();
  };

  ask();

  return {
    update(next) {
      model = next;
      if (phase === 'preview') {
        phase = 'idle';
        stop = { reason: 'changed', text: m('changed') };
      }
      if (phase === 'written') check();
      ask();
    },
    destroy: () => clearInterval(timer),
    view() {
      const { desired, ops = [], check: gross } = data?.quotePlan ?? {};
      if (data && !data.signedIn) return p('warn', m('signedOut'));
      const current = planFor === key(model) ? ops : [];
      return h(
        'div',
        { 'data-relais': 'quote' },
        h('label', null, `${m('mission')} `, h('select', { onChange: (e: Event) => ((missionId = (e.target as HTMLSelectElement).value), ask()) }, data?.missions.map((x) => h('option', { value: x.id, selected: x.id === missionId }, x.clientName)))),
        h('label', null, `${m('month')} `, h('input', { type: 'month', value: month, onChange: (e: Event) => ((month = (e.target as HTMLInputElement).value), ask()) })),
        data && !desired && p('warn', m('noDays'), 'refused', { 'data-relais-reason': 'empty' }),
        gross &&
          !gross.ok &&
          h(
            'div',
            { class: 'warn', 'data-relais': 'below-minimum' },
            m('belowMin', euros(gross.minimumCents - gross.dailyShortfallCents), euros(gross.minimumCents)),
            actions(button(m('raise', euros(gross.requiredAmountCents)), 'raise', () => ((override = { amountCents: gross.requiredAmountCents }), ask())), button(m('partTime'), 'part-time', () => ((override = { partTime: true }), ask()))),
          ),
        stop && p('err', stop.text, 'refused', { 'data-relais-reason': stop.reason }),
        phase === 'idle' && current.length > 0 && actions(button(m('fillQuote'), 'fill', () => ((phase = 'preview'), (stop = null), redraw()), 'c pr')),
        phase === 'preview' &&
          h(
            'div',
            { 'data-relais': 'preview' },
            p('', m('preview', current.length)),
            h('ul', null, current.map((o) => h('li', null, `${o.label} : ${o.kind === 'set' ? `${o.from || m('empty')} → ${o.to || m('empty')}` : o.kind === 'check' ? String(o.to) : ''}`))),
            actions(button(m('confirmFill'), 'confirm-fill', () => void fill(), 'c pr'), button(m('cancel'), undefined, () => ((phase = 'idle'), redraw()))),
          ),
        phase === 'written' && (verified ? p('ok', m('filled', writes.length), 'verified') : p('s', m('verifying'), 'verifying')),
        desired && p('s', `${frQuantity(desired.days)} j · ${euros(desired.amountCents)}`),
      );
    },
  };
}
