import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { CRA_STATES, isEditable, transition, type CraEvent, type CraState } from './state';

const events = {
  edit: { type: 'edit' },
  submit: { type: 'submit' },
  validate: { type: 'validate', validatedOn: '2026-06-02' },
  refuse: { type: 'refuse', reason: 'Le 14 mai est férié' },
} as const satisfies Record<string, CraEvent>;

type Outcome = CraState | `!${string}`;
// Rows: state; columns: edit, submit, validate, refuse. '!' marks a refusal code.
const table: Record<CraState, Record<keyof typeof events, Outcome>> = {
  draft: { edit: 'draft', submit: 'submitted', validate: '!cra_not_submitted', refuse: '!cra_not_submitted' },
  submitted: { edit: '!cra_submitted', submit: '!cra_already_submitted', validate: 'validated', refuse: 'refused' },
  validated: { edit: '!cra_locked', submit: '!cra_locked', validate: '!cra_locked', refuse: '!cra_locked' },
  refused: { edit: 'refused', submit: 'submitted', validate: '!cra_not_submitted', refuse: '!cra_not_submitted' },
};

const cases = CRA_STATES.flatMap((state) =>
  (Object.keys(events) as (keyof typeof events)[]).map((name) => [state, name, table[state][name]] as const),
);

describe('transition', () => {
  test.each(cases)('%s + %s → %s', (state, name, outcome) => {
    const result = transition(state, events[name]);
    if (outcome.startsWith('!')) {
      expect(result).toEqual({ ok: false, code: outcome.slice(1), message: expect.any(String) });
    } else {
      expect(result).toEqual({ ok: true, state: outcome });
    }
  });

  test('covers all 4 states × 4 events', () => {
    expect(cases).toHaveLength(16);
  });

  test('refusing needs a reason, checked only once the CRA is submitted', () => {
    expect(transition('submitted', { type: 'refuse', reason: '' })).toMatchObject({ ok: false, code: 'refusal_reason_required' });
    expect(transition('submitted', { type: 'refuse', reason: '  \n ' })).toMatchObject({ ok: false, code: 'refusal_reason_required' });
    expect(transition('draft', { type: 'refuse', reason: '' })).toMatchObject({ ok: false, code: 'cra_not_submitted' });
    expect(transition('validated', { type: 'refuse', reason: '' })).toMatchObject({ ok: false, code: 'cra_locked' });
  });

  test('validating needs a real date', () => {
    expect(transition('submitted', { type: 'validate', validatedOn: '2026-02-30' })).toMatchObject({ ok: false, code: 'validation_date_invalid' });
  });

  test('the refuse / edit / resubmit loop ends validated, then locked', () => {
    const steps: CraEvent[] = [
      events.submit, events.refuse, events.edit, events.edit, events.submit, events.refuse, events.submit, events.validate,
    ];
    let state: CraState = 'draft';
    const seen: CraState[] = [];
    for (const event of steps) {
      const result = transition(state, event);
      if (!result.ok) throw new Error(`${state} + ${event.type}: ${result.code}`);
      state = result.state;
      seen.push(state);
    }
    expect(seen).toEqual(['submitted', 'refused', 'refused', 'refused', 'submitted', 'refused', 'submitted', 'validated']);
    expect(transition(state, events.edit)).toMatchObject({ ok: false, code: 'cra_locked' });
  });

  const anyEvent = fc.oneof(
    fc.constant<CraEvent>({ type: 'edit' }),
    fc.constant<CraEvent>({ type: 'submit' }),
    fc.string().map((validatedOn): CraEvent => ({ type: 'validate', validatedOn })),
    fc.string().map((reason): CraEvent => ({ type: 'refuse', reason })),
  );

  test.prop([fc.array(anyEvent, { maxLength: 20 })])('never leaves validated', (sequence) => {
    let state: CraState = 'validated';
    for (const event of sequence) {
      const result = transition(state, event);
      expect(result).toMatchObject({ ok: false, code: 'cra_locked' });
      if (result.ok) state = result.state;
    }
    expect(state).toBe('validated');
  });

  test.prop([fc.constantFrom(...CRA_STATES), anyEvent])('only a submitted CRA becomes validated, only an editable one accepts an edit', (state, event) => {
    const result = transition(state, event);
    if (result.ok && result.state === 'validated') expect(state).toBe('submitted');
    if (result.ok && event.type === 'edit') expect(isEditable(state)).toBe(true);
  });
});

describe('isEditable', () => {
  test('draft and refused are editable, submitted and validated are not', () => {
    expect(CRA_STATES.map((s) => [s, isEditable(s)])).toEqual([
      ['draft', true], ['submitted', false], ['validated', false], ['refused', true],
    ]);
  });
});
