import * as z from 'zod';
import { dutchDay } from './dutch-time.js';
import { Exit, Interest, RecordedBy, Stage, StopReason, type InterestStatus } from './interest.js';
import { highestStage, IMPLIES } from './ladder.js';

/**
 * Interest items written before the outcome ladder (until 26 November 2026) read as the ladder
 * (docs/data-model.md, "Older interest items"). Then an item had no `stages`; its status and its
 * outcomes' statuses could be `waiting-permit` or `school`; an outcome kept the recorder's e-mail
 * in `by` and a free-text `reason`. The mapping is the same for reading and for the one-off
 * migration (scripts/migrate-interests.ts), and changes nothing on an item of today.
 */

/** The old statuses that are not on the ladder, and where they land. */
export const LEGACY_STATUS: Record<string, InterestStatus> = { 'waiting-permit': 'twv-applied', school: 'stopped' };

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One outcome as the ladder keeps it: old statuses mapped; a reason only on a stop, as a code (the
 * old "school" means education, any other free text becomes `other`); `by` only as a role.
 * `roleOf` may name the role of an old recorder's e-mail (the migration looks it up); else `by` goes.
 */
function upgradeOutcome(o: unknown, roleOf?: (email: string) => RecordedBy | undefined): unknown {
  if (!isRecord(o)) return o;
  const old = typeof o.status === 'string' ? o.status : '';
  const status = LEGACY_STATUS[old] ?? old;
  const coded = StopReason.safeParse(o.reason);
  const reason =
    status !== 'stopped' ? undefined
    : old === 'school' ? 'education'
    : coded.success ? coded.data
    : typeof o.reason === 'string' && o.reason.trim() !== '' ? 'other'
    : undefined;
  const role = RecordedBy.safeParse(o.by);
  const by = role.success ? role.data : typeof o.by === 'string' ? roleOf?.(o.by) : undefined;
  const next: Raw = { ...o, status, reason, by };
  for (const k of ['reason', 'by'] as const) if (next[k] === undefined) delete next[k];
  return next;
}

/** Whether a stored interest item was written before the ladder (and so differs from what it reads as). */
export function isLegacyInterest(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  if (!('stages' in raw) || (typeof raw.status === 'string' && raw.status in LEGACY_STATUS)) return true;
  const outcomes = Array.isArray(raw.outcomes) ? raw.outcomes : [];
  return outcomes.some((o) => isRecord(o) && JSON.stringify(upgradeOutcome(o, () => undefined)) !== JSON.stringify(o));
}

/**
 * A stored interest item as the ladder reads it. An item without `stages` gets them from its
 * history: the introduction's Dutch day, then each outcome's day for its stage and the stages it
 * implies (the earliest day wins); a stop is its exit; the status is the exit or the highest stage.
 */
export function upgradeInterest(raw: unknown, roleOf?: (email: string) => RecordedBy | undefined): unknown {
  if (!isRecord(raw) || !isLegacyInterest(raw)) return raw;
  const outcomes = (Array.isArray(raw.outcomes) ? raw.outcomes : []).map((o) => upgradeOutcome(o, roleOf));
  const next: Raw = { ...raw, outcomes };
  if (typeof raw.status === 'string' && raw.status in LEGACY_STATUS) next.status = LEGACY_STATUS[raw.status];
  if (!('stages' in raw)) {
    const stages: Partial<Record<Stage, string>> = {};
    if (typeof raw.introducedAt === 'string') stages.introduced = dutchDay(raw.introducedAt);
    let exit: { status: Exit; on: string; reason?: StopReason } | undefined;
    for (const o of outcomes) {
      if (!isRecord(o) || typeof o.on !== 'string') continue;
      const stage = Stage.safeParse(o.status);
      if (stage.success) {
        for (const s of [...IMPLIES[stage.data], stage.data]) stages[s] ??= o.on;
        continue;
      }
      const out = Exit.safeParse(o.status);
      if (out.success) exit = { status: out.data, on: o.on, ...(o.reason ? { reason: o.reason as StopReason } : {}) };
    }
    next.stages = stages;
    if (exit) next.exit = exit;
    next.status = exit ? exit.status : highestStage(stages);
  }
  return next;
}

/** How reads parse a stored interest item: items of today as they are, older ones upgraded first. */
export const StoredInterest = z.preprocess((raw) => upgradeInterest(raw), Interest);
