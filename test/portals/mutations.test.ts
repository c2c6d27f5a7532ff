import { describe, expect, it } from 'vitest';
import { craAdapter, craSubmit, CRA_SUBMIT_LABELS, dayInputOf, planCra } from '../../extension/portals/littlebig/cra';
import { prepare, type Locate } from '../../extension/portals/protocol/write';
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { loadFixture } from './load';
import { variants } from './mutations/variants';

/**
 * The mutation suite, read side: every variant of the CRA fixtures (mutations/variants.ts)
 * read as the overlay reads it. A benign variant reads into the very model of its original
 * and plans the same writes on the same days; a breaking one is refused for its reason before
 * anything could be written. The behaviours only a running page has (late render, re-render,
 * rejected or reverted values) are driven in Chromium by test/e2e/portals-mutations.e2e.ts.
 */

const relais = Object.fromEntries(workingDaysOfMonth('2026-10').map((d) => [d, 1] as [string, number]));
relais['2026-10-16'] = 0.5;
const locate = (doc: Document): Locate => (op) => (op.kind === 'set' && op.date ? dayInputOf(doc, op.date) : null);

describe('mutation suite: what the overlay reads on each variant', () => {
  for (const variant of variants().filter((x) => x.mutate)) {
    it(`${variant.name} (${variant.kind}: ${variant.note}) → ${variant.expect.outcome}${'reason' in variant.expect ? ` ${variant.expect.reason}` : ''}`, () => {
      const original = loadFixture(variant.fixture);
      const { doc, fixture } = loadFixture(variant.fixture);
      variant.mutate!(doc);
      const before = craAdapter.read(original.doc, fixture.url);
      const read = craAdapter.read(doc, fixture.url);
      if (!before.ok) throw new Error('original fixture does not read');
      const e = variant.expect;
      if (e.outcome === 'broken') return expect(read.ok ? null : read.breakage).not.toBeNull();
      if (e.outcome === 'refuses' && (e.reason === 'identity' || e.reason === 'inconsistent')) {
        expect(read.ok, 'not acted on').toBe(false);
        expect(read.ok ? null : (read.unknown as { why: string } | undefined)?.why).toBe(e.reason);
        return;
      }
      // Everything else reads as the original page does: same model, same plan on the same days.
      if (!read.ok) throw new Error(`variant does not read: ${JSON.stringify(read)}`);
      expect(read.model).toEqual(before.model);
      const plan = planCra(read.model, { days: relais });
      expect(plan.ops.map((o) => o.kind === 'set' && [o.date, o.to])).toEqual(planCra(before.model, { days: relais }).ops.map((o) => o.kind === 'set' && [o.date, o.to]));
      const prepared = prepare(plan.ops, locate(doc));
      const submit = craSubmit(doc, CRA_SUBMIT_LABELS);
      if (e.outcome === 'refuses' && e.reason === 'field') {
        expect(prepared.ok).toBe(false);
        expect(prepared.ok ? [] : prepared.refusals).toContainEqual({ label: '16/10/2026', why: 'step' });
        return;
      }
      expect(prepared.ok, 'every write fits its input').toBe(true);
      if (e.outcome === 'refuses' && e.reason === 'submit') return expect(submit.ok).toBe(false);
      expect(submit.ok, 'the true submit, and only it').toBe(true);
      if (submit.ok) expect(submit.button.textContent).toMatch(/^Soumettre le CRA$/);
    });
  }
});
