import type { FieldError } from '../errors.js';
import { addMonths } from './dutch-time.js';
import { Exit, Stage, type Interest, type InterestStatus, type OutcomeStatus, type StopReason } from './interest.js';
import type { ListingKind } from './listing.js';

/**
 * The rules of the outcome ladder (docs/outcomes.md), without I/O: which step may follow which,
 * on which days, and what a step implies.
 */

/** Height on the ladder; TWV granted and refused share a rung. */
export const RANK: Record<Stage, number> = { introduced: 0, interview: 1, matched: 2, 'twv-applied': 3, 'twv-granted': 4, 'twv-refused': 4, started: 5, retained: 6 };

/** The earlier stages a stage implies: the main line, and a TWV decision implies its application. */
export const IMPLIES: Record<Stage, Stage[]> = {
  introduced: [],
  interview: ['introduced'],
  matched: ['introduced', 'interview'],
  'twv-applied': ['introduced', 'interview', 'matched'],
  'twv-granted': ['introduced', 'interview', 'matched', 'twv-applied'],
  'twv-refused': ['introduced', 'interview', 'matched', 'twv-applied'],
  started: ['introduced', 'interview', 'matched'],
  retained: ['introduced', 'interview', 'matched', 'started'],
};

/** UWV decides on a TWV in 2 to 5 weeks: an application waiting longer than this many days is flagged and the desk reminded. */
export const TWV_REMINDER_DAYS = 35;

/** "Still working after 3 months": this many months after the first day of work. */
export const RETAINED_AFTER_MONTHS = 3;

export const isExit = (s: InterestStatus): s is Exit => (Exit.options as readonly string[]).includes(s);

/** The highest stage reached, or `new`. */
export function highestStage(stages: Interest['stages']): Stage | 'new' {
  let best: Stage | 'new' = 'new';
  for (const s of Stage.options) if (stages[s] && (best === 'new' || RANK[s] > RANK[best])) best = s;
  return best;
}

/** The status at the end of `day`: an exit on or before it, else the highest stage reached by then. */
export function statusOn(i: Pick<Interest, 'stages' | 'exit'>, day: string): InterestStatus {
  if (i.exit && i.exit.on <= day) return i.exit.status;
  const reached = Object.fromEntries(Object.entries(i.stages).filter(([, on]) => on <= day));
  return highestStage(reached);
}

/** Kinds that are work in law: an asylum seeker needs a TWV for each (the unpaid course internship aside). */
export const WORK_PERMIT_KINDS: readonly ListingKind[] = ['job', 'internship', 'workplace-learning', 'apprenticeship'];

/** An asylum seeker may not work on a job, internship, workplace-learning place or apprenticeship before the TWV is granted. */
export const needsTwv = (i: Pick<Interest, 'permit' | 'kind'>) => i.permit === 'asylum-seeker' && WORK_PERMIT_KINDS.includes(i.kind);

export interface Step {
  status: OutcomeStatus;
  on: string;
  reason?: StopReason;
}

/** The latest day already on the path (the reaction's own day at least). */
export function lastDay(i: Pick<Interest, 'stages'>, interestOn: string): string {
  return [interestOn, ...Object.values(i.stages)].reduce((a, b) => (b > a ? b : a));
}

/**
 * Checks a step against the path so far and `today` (Dutch); the field errors, or the new stages,
 * exit, status and the stages it implied.
 */
export function climb(
  i: Pick<Interest, 'stages' | 'exit' | 'permit' | 'kind'>,
  step: Step,
  o: { today: string; interestOn: string },
): { errors: FieldError[] } | { errors: []; stages: Interest['stages']; exit?: Interest['exit']; status: InterestStatus; implied: Stage[] } {
  const errors: FieldError[] = [];
  if (step.on > o.today) errors.push({ field: 'on', key: 'portal.outcome.error.future' });
  const previous = lastDay(i, o.interestOn);
  if (step.on < previous) errors.push({ field: 'on', key: 'portal.outcome.error.beforePrevious', params: { date: previous } });
  if (i.exit) return { errors: [{ field: 'status', key: 'portal.outcome.error.ended' }] };
  if (isExit(step.status)) {
    if (errors.length) return { errors };
    return { errors: [], stages: i.stages, exit: { status: step.status, on: step.on, reason: step.status === 'stopped' ? step.reason : undefined }, status: step.status, implied: [] };
  }
  const stage = step.status;
  const top = highestStage(i.stages);
  if (i.stages[stage] || (top !== 'new' && RANK[stage] <= RANK[top])) errors.push({ field: 'status', key: 'portal.outcome.error.behind' });
  if (stage === 'started' && needsTwv(i) && !i.stages['twv-granted']) errors.push({ field: 'status', key: 'portal.outcome.error.needsTwv' });
  if (stage === 'retained' && i.stages.started) {
    const due = addMonths(i.stages.started, RETAINED_AFTER_MONTHS);
    if (step.on < due) errors.push({ field: 'on', key: 'portal.outcome.error.retainedEarly', params: { date: due } });
  }
  if (errors.length) return { errors };
  const implied = IMPLIES[stage].filter((s) => !i.stages[s]);
  const stages = { ...i.stages, [stage]: step.on, ...Object.fromEntries(implied.map((s) => [s, step.on])) };
  return { errors: [], stages, status: stage, implied };
}
