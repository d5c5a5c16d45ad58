import type { ContextValue, StepCondition, WorkflowAction, WorkflowState } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import { evaluateCondition } from './workflow.conditions.ts';

/**
 * The approval state machine as pure functions: a state and an action in,
 * the next state and the events it causes out (or an AppError). No database,
 * no clock: the service turns events into step runs, tasks, history and
 * notifications.
 *
 *   draft ─submit→ pending ─approve (last applicable step)→ approved
 *                  pending ─approve→ pending (next applicable step)
 *                  pending ─return→ returned ─resubmit→ pending (first step)
 *                  pending ─reject→ rejected
 *        pending | returned ─withdraw→ withdrawn
 *                  pending ─delegate | comment→ pending (same step)
 */
export interface EngineInstance {
  state: WorkflowState;
  /** Index of the current step while pending; null otherwise. */
  step: number | null;
}

export interface EngineFlow {
  steps: { condition?: StepCondition | null }[];
  context: Record<string, ContextValue>;
}

export type EngineActionType = Extract<
  WorkflowAction,
  'submit' | 'resubmit' | 'approve' | 'return' | 'reject' | 'withdraw' | 'delegate' | 'comment'
>;

export type EngineEvent =
  /** Every transition records its action in the history, at the step it happened. */
  | { type: 'recorded'; action: EngineActionType; step: number | null }
  | { type: 'step_left'; step: number; outcome: 'approved' | 'returned' | 'rejected' | 'withdrawn' }
  | { type: 'step_entered'; step: number }
  | { type: 'finished'; state: 'approved' | 'rejected' | 'withdrawn' }
  | { type: 'returned' };

export interface Transition {
  instance: EngineInstance;
  events: EngineEvent[];
}

export const TERMINAL_STATES: readonly WorkflowState[] = ['approved', 'rejected', 'withdrawn'];

/** The first step at or after `from` whose condition holds, or null when none is left. */
export function nextApplicableStep(flow: EngineFlow, from: number): number | null {
  for (let i = from; i < flow.steps.length; i++) if (evaluateCondition(flow.steps[i].condition, flow.context)) return i;
  return null;
}

const ALLOWED: Record<EngineActionType, readonly WorkflowState[]> = {
  submit: ['draft'],
  resubmit: ['returned'],
  approve: ['pending'],
  return: ['pending'],
  reject: ['pending'],
  withdraw: ['pending', 'returned'],
  delegate: ['pending'],
  comment: ['pending'],
};

/** Applies one action; throws `workflow_invalid_transition` when the state does not allow it. */
export function transition(instance: EngineInstance, action: EngineActionType, flow: EngineFlow): Transition {
  if (!ALLOWED[action].includes(instance.state)) {
    throw new AppError('workflow_invalid_transition', { params: { state: instance.state, action } });
  }
  const events: EngineEvent[] = [{ type: 'recorded', action, step: instance.step }];
  const leave = (outcome: 'approved' | 'returned' | 'rejected' | 'withdrawn') => {
    if (instance.step !== null) events.push({ type: 'step_left', step: instance.step, outcome });
  };
  const enterFrom = (from: number): Transition => {
    const step = nextApplicableStep(flow, from);
    if (step === null) {
      events.push({ type: 'finished', state: 'approved' });
      return { instance: { state: 'approved', step: null }, events };
    }
    events.push({ type: 'step_entered', step });
    return { instance: { state: 'pending', step }, events };
  };

  switch (action) {
    case 'submit':
    case 'resubmit':
      return enterFrom(0);
    case 'approve':
      leave('approved');
      return enterFrom(instance.step! + 1);
    case 'return':
      leave('returned');
      events.push({ type: 'returned' });
      return { instance: { state: 'returned', step: null }, events };
    case 'reject':
      leave('rejected');
      events.push({ type: 'finished', state: 'rejected' });
      return { instance: { state: 'rejected', step: null }, events };
    case 'withdraw':
      leave('withdrawn');
      events.push({ type: 'finished', state: 'withdrawn' });
      return { instance: { state: 'withdrawn', step: null }, events };
    case 'delegate':
    case 'comment':
      return { instance: { ...instance }, events };
  }
}
