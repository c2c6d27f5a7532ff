import type { LittleBigCraPage } from '../../../shared/portals/littlebig';
import { craSubmit, craUrlParts, dayInputOf, type CraUnknown } from '../littlebig/cra';
import type { PortalRequests, SaidOutcome } from '../messages';
import { frQuantity, toFrDate } from '../parse';
import { afterRerender, READ_BACK_EVERY_MS, wait } from '../protocol/settle';
import { prepare, readBack, write, type Locate, type Written } from '../protocol/write';
import { actions, button, h, p, type Child } from './dom';
import type { Env, Panel, PanelContext } from './frame';
import { outcomes } from './frame';
import { driftStop, fieldStop, type Stop } from './stops';
import { m, monthLabel } from './strings';

type Month = PortalRequests['portal.month']['res'];
type Phase = 'idle' | 'preview' | 'written' | 'confirm1' | 'confirm2' | 'submitting' | 'submitted' | 'unconfirmed';

const q = (n: number | null) => (n === null ? '·' : frQuantity(n));
const key = (x: unknown) => JSON.stringify(x);
const refusal = (s: Stop) => p('err', s.text, 'refused', { 'data-relais-reason': s.reason });
/** Relais' days of a month as a list to type by hand. */
const dayList = (days: Record<string, number>) =>
  Object.entries(days)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([d, n]) => `${toFrDate(d).slice(0, 5)} : ${frQuantity(n)} j`)
    .join(' · ');

/**
 * The CRA month, under the write protocol (README, "Portal overlays"): Relais' days beside the
 * portal's; a fill previewed line by line, made against the page as it is at the click (a
 * plan read on an older page is void), typed for each input, then watched until submit;
 * submit pressed only on the page's one known submit button, after two confirmations and a
 * last reading, and reported done only when the portal's own state says so.
 */
export function craPanel(ctx: PanelContext<LittleBigCraPage>): Panel<LittleBigCraPage> {
  const { env } = ctx;
  let model = ctx.model;
  let relais: Month | undefined;
  /** The reading the plan in `relais` was made on. */
  let planFor = '';
  let phase: Phase = 'idle';
  let stop: Stop | null = null;
  let said: SaidOutcome[] = [];
  const ticked = new Set<string>();
  let writes: Written[] = [];
  let verified = false;
  /** The days the user confirmed for submission: those the confirmation showed (the page must still hold them at the click). */
  let confirmed = '';
  let timer: ReturnType<typeof setInterval> | undefined;
  const locate: Locate = (op) => (op.kind === 'set' && op.date ? dayInputOf(env.doc, op.date) : null);
  const redraw = ctx.redraw;
  const set = (next: Phase, s: Stop | null = stop) => {
    phase = next;
    stop = s;
    redraw();
  };

  const plan = () => (planFor === key(model) ? relais?.craPlan?.plan : undefined);
  const ask = () => {
    const asked = model;
    void env.ask('portal.month', { portal: 'littlebig', missionRef: asked.missionRef, month: asked.month, page: asked }).then((r) => {
      if (!r || asked !== model) return;
      relais = r;
      planFor = key(asked);
      redraw();
    });
  };
  // What the background made of the page's state (a validation recorded, a payout date), once per state.
  const observe = (was?: LittleBigCraPage) => {
    if (was && was.state === model.state && was.month === model.month && was.missionRef === model.missionRef) return;
    void env.ask('portal.observed', { portal: 'littlebig', page: 'cra', data: model }).then((r) => {
      if (r) said = r.outcomes;
      redraw();
    });
  };

  const stopWatching = () => clearInterval(timer);
  /** Verify until the end: the written inputs must still show what was written, until submit. */
  const check = () => {
    const off = readBack(writes, locate);
    if (!off.length) return true;
    stopWatching();
    verified = false;
    // The page as it is now (a value set without events moves no mutation): a new plan for it.
    const now = ctx.readNow();
    if (now.ok) model = now.model;
    ask();
    set('idle', driftStop(off));
    return false;
  };

  const fill = async () => {
    const now = ctx.readNow();
    if (!now.ok || key(now.model) !== planFor) {
      // The page changed since the preview was drawn: the plan is void, a new one is asked for.
      if (now.ok) model = now.model;
      ask();
      return set('idle', { reason: 'changed', text: m('changed') });
    }
    const ops = (plan()?.ops ?? []).filter((o) => o.kind === 'set' && (!o.clear || ticked.has(o.date ?? '')));
    const prepared = prepare(ops, locate);
    if (!prepared.ok) return set('idle', fieldStop(prepared.refusals));
    write(prepared.writes, locate);
    writes = prepared.writes;
    verified = false;
    set('written', null);
    // Read back once the portal has re-rendered, then again a moment later (a late rejection), then every 400 ms until submit.
    stopWatching();
    timer = setInterval(check, READ_BACK_EVERY_MS);
    await afterRerender(env.doc);
    if (phase === 'written' && check()) {
      verified = true;
      redraw();
    }
  };

  const submit = async () => {
    stopWatching();
    const now = ctx.readNow();
    const choice = craSubmit(env.doc, relais?.submitLabels ?? []);
    const changed = !now.ok || now.model.month !== model.month || now.model.missionRef !== model.missionRef || (now.model.state !== 'draft' && now.model.state !== 'refused') || key(now.model.days) !== confirmed;
    if (changed) return set('idle', { reason: 'changed', text: m('changedSubmit') });
    if (readBack(writes, locate).length) return void check();
    if (!choice.ok) return set('idle', { reason: 'submit', text: m(`submit_${choice.why}`, choice.names.join(', ')) });
    (choice.button as HTMLElement).click();
    set('submitting', null);
    // Done only when the portal says so: its status moves to submitted (or further).
    for (let t = 0; t < 8_000 && phase === 'submitting'; t += 250) {
      await wait(250);
      const after = ctx.readNow();
      if (after.ok && after.model.month === model.month && (after.model.state === 'submitted' || after.model.state === 'validated')) return set('submitted');
    }
    if (phase === 'submitting') set('unconfirmed', { reason: 'confirm', text: m('unconfirmed') });
  };

  ask();
  observe();

  const view = (): Child => {
    const label = monthLabel(model.month);
    const head = h('p', null, h('strong', null, label), ` · ${model.missionRef}`, relais?.mission ? ` · ${relais.mission.clientName}` : '');
    const out = relais && (!relais.signedIn ? m('signedOut') : !relais.mission && m('noMission', model.missionRef));
    if (out) return [head, p('warn', out)];
    if (!relais) return h('div', { 'data-relais': 'cra' }, head, p('s', m('loading')));
    const current = plan();
    const diffs = relais.craPlan?.days ?? [];
    const differing = diffs.filter((d) => d.portal !== d.relais && !(d.locked && !d.relais) && !(d.relais === 0 && d.portal === null));
    const lead = (new Date(`${model.month}-01T12:00:00Z`).getUTCDay() + 6) % 7;
    const total = Object.values(model.days).reduce((a: number, b) => a + b, 0);
    const editableState = model.state === 'draft' || model.state === 'refused';
    const choice = craSubmit(env.doc, relais?.submitLabels ?? []);
    const fresh = ctx.readNow();
    const asRead = fresh.ok && key(fresh.model) === planFor;
    const canSubmit = editableState && asRead && ((phase === 'written' && verified) || (phase === 'idle' && !stop && !!current && current.ops.length === 0 && differing.length === 0 && total > 0));
    const grid = h(
      'div',
      { class: 'g' },
      [...m('weekdays')].map((d) => h('i', null, d)),
      Array.from({ length: lead }, () => h('span')),
      diffs.map((d) => h('div', { class: `d${differing.includes(d) ? ' x' : d.locked ? ' l' : ''}` }, h('b', null, +d.date.slice(8)), q(d.portal), h('br'), h('span', { class: 'p' }, q(d.relais)))),
    );
    const preview =
      phase === 'preview' &&
      current &&
      h(
        'div',
        { 'data-relais': 'preview' },
        p('', m('preview', current.ops.length)),
        h(
          'ul',
          null,
          current.ops.map((o) =>
            o.kind !== 'set'
              ? null
              : o.clear
                ? h('li', { 'data-relais-clear': o.date }, h('label', null, h('input', { type: 'checkbox', 'data-relais': 'clear', checked: ticked.has(o.date!), onChange: (e: Event) => ((e.target as HTMLInputElement).checked ? ticked.add(o.date!) : ticked.delete(o.date!)) }), ` ${o.label} : ${m('clearLine', o.from)}`))
                : h('li', null, `${o.label} : ${o.from || m('empty')} → ${o.to || m('empty')}`),
          ),
        ),
        actions(button(m('confirmFill'), 'confirm-fill', () => void fill(), 'c pr'), button(m('cancel'), undefined, () => set('idle'))),
      );
    return h(
      'div',
      { 'data-relais': 'cra' },
      head,
      outcomes(said),
      grid,
      p('s', m('legend')),
      relais.cra?.pending && p('warn', m('pending')),
      p('', differing.length ? m('diffCount', differing.length) : m('same')),
      relais.craPlan?.notes.map((say) => p('warn', m(...say), undefined, say[0] === 'emptyMonth' ? { 'data-relais': 'refused', 'data-relais-reason': 'empty' } : {})),
      stop && refusal(stop),
      phase === 'idle' && current && current.ops.length > 0 && editableState && actions(button(m('fill'), 'fill', () => ((ticked.clear(), stop = null), set('preview')), 'c pr')),
      preview,
      phase === 'written' && (verified ? p('ok', m('filled', writes.length), 'verified') : p('s', m('verifying'), 'verifying')),
      canSubmit && (choice.ok ? actions(button(m('submit'), 'submit', () => ((confirmed = key(model.days)), set('confirm1')))) : refusal({ reason: 'submit', text: m(`submit_${choice.why}`, choice.names.join(', ')) })),
      phase === 'confirm1' && h('div', { class: 'warn', 'data-relais': 'confirm1' }, m('confirm1', label, frQuantity(total)), actions(button(m('continue'), 'confirm-submit-1', () => set('confirm2'), 'c pr'), button(m('cancel'), undefined, () => set(verified ? 'written' : 'idle')))),
      phase === 'confirm2' && h('div', { class: 'err', 'data-relais': 'confirm2' }, m('confirm2'), actions(button(m('submitNow'), 'confirm-submit-2', () => void submit(), 'c dg'), button(m('cancel'), undefined, () => set(verified ? 'written' : 'idle')))),
      phase === 'submitting' && p('s', m('submitting')),
      phase === 'submitted' && p('ok', m('submitted'), 'submitted'),
      phase === 'unconfirmed' && p('warn', m('unconfirmed'), 'unconfirmed'),
    );
  };

  return {
    view,
    update(next) {
      const was = model;
      model = next;
      // A plan made on the previous reading is void: the preview is rebuilt from the new one.
      if (phase === 'preview') set('idle', { reason: 'changed', text: m('changed') });
      if (phase === 'written' || phase === 'confirm1' || phase === 'confirm2') check();
      if (phase === 'submitting' && next.state === 'submitted') set('submitted');
      ask();
      observe(was);
    },
    destroy: stopWatching,
  };
}

const handDays = new Map<string, string>();

/**
 * A CRA page Relais does not act on: which sources disagree or which signals contradict each
 * other, in words, and Relais' days of the month the URL names, to type by hand.
 */
export function craUnknown(why: unknown, env: Env, redraw: () => void): Child {
  const u = why as CraUnknown;
  const parts = craUrlParts(env.url);
  if (parts && !handDays.has(env.url)) {
    handDays.set(env.url, '');
    void env.ask('portal.month', { portal: 'littlebig', missionRef: parts.missionRef, month: parts.month }).then((r) => {
      handDays.set(env.url, r?.cra ? dayList(r.cra.days) : '');
      redraw();
    });
  }
  const text = u.why === 'identity' ? m('identity', u.disagree.map((d) => `${m(`src_${d.source}`)} : ${d.saw}`).join(' ; ')) : m('inconsistent', u.signals.map((s) => m(`sig_${s}`)).join(' ; '));
  const days = handDays.get(env.url);
  return [refusal({ reason: u.why, text }), p('', days ? m('byHand', days) : m('byHandNone'))];
}
