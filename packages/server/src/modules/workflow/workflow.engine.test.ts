import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORKFLOW_STATES } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import { evaluateCondition } from './workflow.conditions.ts';
import { transition, type EngineActionType, type EngineFlow, type EngineInstance } from './workflow.engine.ts';
import { addWorkingDays } from './working-days.ts';

const twoSteps = (capacity: number): EngineFlow => ({
  steps: [{}, { condition: { field: 'capacity', op: '>', value: 200 } }],
  context: { capacity },
});

describe('workflow engine', () => {
  it('goes through both steps when the condition holds, one step when it does not', () => {
    let t = transition({ state: 'draft', step: null }, 'submit', twoSteps(300));
    expect(t.instance).toEqual({ state: 'pending', step: 0 });
    t = transition(t.instance, 'approve', twoSteps(300));
    expect(t.instance).toEqual({ state: 'pending', step: 1 });
    t = transition(t.instance, 'approve', twoSteps(300));
    expect(t.instance).toEqual({ state: 'approved', step: null });
    expect(t.events).toContainEqual({ type: 'finished', state: 'approved' });

    const one = transition(transition({ state: 'draft', step: null }, 'submit', twoSteps(50)).instance, 'approve', twoSteps(50));
    expect(one.instance.state).toBe('approved');
  });

  it('returns to the applicant and starts again at the first step on resubmit', () => {
    const flow = twoSteps(300);
    let t = transition({ state: 'pending', step: 1 }, 'return', flow);
    expect(t.instance).toEqual({ state: 'returned', step: null });
    expect(t.events).toContainEqual({ type: 'step_left', step: 1, outcome: 'returned' });
    t = transition(t.instance, 'resubmit', flow);
    expect(t.instance).toEqual({ state: 'pending', step: 0 });
  });

  it('refuses actions the state does not allow, with a translated error code', () => {
    const refused = (state: EngineInstance['state'], action: EngineActionType) =>
      expect.objectContaining({ code: 'workflow_invalid_transition', params: { state, action } });
    expect(() => transition({ state: 'rejected', step: null }, 'approve', twoSteps(1))).toThrowError(AppError);
    expect(() => transition({ state: 'rejected', step: null }, 'approve', twoSteps(1))).toThrowError(refused('rejected', 'approve'));
    expect(() => transition({ state: 'approved', step: null }, 'withdraw', twoSteps(1))).toThrowError(refused('approved', 'withdraw'));
  });

  it('evaluates conditions without eval, and a missing value never satisfies a comparison', () => {
    expect(evaluateCondition({ field: 'capacity', op: '>', value: 200 }, { capacity: 201 })).toBe(true);
    expect(evaluateCondition({ field: 'capacity', op: '>', value: 200 }, { capacity: 200 })).toBe(false);
    expect(evaluateCondition({ field: 'capacity', op: '>=', value: 200 }, { capacity: '200' })).toBe(true);
    expect(evaluateCondition({ field: 'capacity', op: '>', value: 200 }, {})).toBe(false);
    expect(evaluateCondition({ field: 'kind', op: '=', value: 'elective' }, { kind: 'elective' })).toBe(true);
    expect(evaluateCondition({ field: 'kind', op: '!=', value: 'elective' }, { kind: null })).toBe(true);
    expect(evaluateCondition({ field: 'online', op: '=', value: true }, { online: true })).toBe(true);
    expect(evaluateCondition({ field: 'constructor', op: '=', value: 'x' }, {})).toBe(false);
  });

  it('counts deadlines in working days (Mon–Fri, China time)', () => {
    const friday = new Date('2026-09-04T07:00:00Z'); // Fri 15:00 in Beijing
    expect(addWorkingDays(friday, 1).toISOString()).toBe('2026-09-07T07:00:00.000Z'); // Monday
    expect(addWorkingDays(friday, 3).toISOString()).toBe('2026-09-09T07:00:00.000Z'); // Wednesday
    expect(addWorkingDays(new Date('2026-09-07T07:00:00Z'), -1).toISOString()).toBe('2026-09-04T07:00:00.000Z');
    // Saturday 02:00 Beijing is still Friday in UTC: the school's calendar counts.
    expect(addWorkingDays(new Date('2026-09-04T18:00:00Z'), 1).toISOString()).toBe('2026-09-06T18:00:00.000Z'); // Mon 02:00 Beijing
    // A school set to New York: the same instant is Friday 14:00 there, so one working day is Monday.
    expect(addWorkingDays(new Date('2026-09-04T18:00:00Z'), 1, 'America/New_York').toISOString()).toBe('2026-09-07T18:00:00.000Z');
  });
});

const actions: EngineActionType[] = ['submit', 'resubmit', 'approve', 'return', 'reject', 'withdraw', 'delegate', 'comment'];

describe('workflow engine properties', () => {
  const flowArb = fc.record({
    conditions: fc.array(fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), { minLength: 1, maxLength: 5 }),
    capacity: fc.integer({ min: 0, max: 400 }),
  });

  it('any sequence of actions leaves exactly one valid state, records every transition, never approves past a rejection', () => {
    fc.assert(
      fc.property(flowArb, fc.array(fc.constantFrom(...actions), { maxLength: 40 }), ({ conditions, capacity }, seq) => {
        const flow: EngineFlow = {
          steps: conditions.map((c) => (c === null ? {} : { condition: { field: 'capacity', op: '>' as const, value: c } })),
          context: { capacity },
        };
        let instance: EngineInstance = { state: 'draft', step: null };
        const history: string[] = [];
        const states: string[] = [];
        for (const action of seq) {
          let next;
          try {
            next = transition(instance, action, flow);
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).code).toBe('workflow_invalid_transition');
            continue;
          }
          const recorded = next.events.filter((e) => e.type === 'recorded');
          expect(recorded).toEqual([{ type: 'recorded', action, step: instance.step }]);
          history.push(action);
          instance = next.instance;
          states.push(instance.state);
          expect(WORKFLOW_STATES).toContain(instance.state);
          // pending ⇔ a current step that is applicable
          expect(instance.state === 'pending').toBe(instance.step !== null);
          if (instance.step !== null) expect(instance.step).toBeLessThan(flow.steps.length);
        }
        const rejectedAt = states.indexOf('rejected');
        if (rejectedAt >= 0) {
          expect(states.slice(rejectedAt).every((s) => s === 'rejected')).toBe(true);
          expect(history.slice(rejectedAt + 1)).toEqual([]);
        }
        for (const terminal of ['approved', 'withdrawn']) {
          const i = states.indexOf(terminal);
          if (i >= 0) expect(history.length).toBe(i + 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an approval chain visits exactly the steps whose condition holds, in order', () => {
    fc.assert(
      fc.property(flowArb, ({ conditions, capacity }) => {
        const flow: EngineFlow = {
          steps: conditions.map((c) => (c === null ? {} : { condition: { field: 'capacity', op: '>' as const, value: c } })),
          context: { capacity },
        };
        const expected = conditions.map((c, i) => (c === null || capacity > c ? i : -1)).filter((i) => i >= 0);
        let t = transition({ state: 'draft', step: null }, 'submit', flow);
        const visited: number[] = [];
        while (t.instance.state === 'pending') {
          visited.push(t.instance.step!);
          t = transition(t.instance, 'approve', flow);
        }
        expect(visited).toEqual(expected);
        expect(t.instance.state).toBe('approved');
      }),
    );
  });
});
