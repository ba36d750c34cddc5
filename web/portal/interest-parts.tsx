import type { Interest, Person } from '../../shared/domain/interest.js';
import { daysBetween } from '../../shared/domain/dutch-time.js';
import { InterestStatus, OutcomeStatus, StopReason } from '../../shared/domain/interest.js';
import { TWV_REMINDER_DAYS } from '../../shared/domain/ladder.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { one, tr, type PortalContext } from './env.js';
import { ErrorSummary, SelectField, TextField, type FormState } from './form.js';
import { date } from './format.js';

/**
 * Pieces the desk's and the employer's interest pages share: a resident's details, the outcome
 * history and the outcome form.
 */

export const statusLabel = (c: PortalContext, s: InterestStatus) => tr(c, `portal.interestStatus.${s}` as PortalKey);
export const statusOptions = (c: PortalContext, statuses: readonly InterestStatus[] = InterestStatus.options) => statuses.map((s) => ({ value: s, label: statusLabel(c, s) }));
/** The calendar day of an instant (YYYY-MM-DD): the value of a date field. Shown to people: format.ts `date`. */
export const day = (iso: string) => iso.slice(0, 10);

export function StatusBadge(props: { c: PortalContext; interest: Interest }) {
  const { c, interest } = props;
  return (
    <span class={`status interest-${interest.status}`} data-status={interest.status}>
      {statusLabel(c, interest.status)}
    </span>
  );
}

/** What a resident told the desk; "details deleted" once retention or a request removed them. */
export function PersonDetails(props: { c: PortalContext; person?: Person; withNote?: boolean; withReference?: boolean }) {
  const { c, person } = props;
  if (!person) return <p class="meta person-deleted">{tr(c, 'portal.person.deleted')}</p>;
  return (
    <dl class="facts person">
      <dt>{tr(c, 'portal.person.name')}</dt>
      <dd class="person-name">
        <bdi>{person.name}</bdi>
      </dd>
      {person.phone ? (
        <>
          <dt>{tr(c, 'portal.person.phone')}</dt>
          <dd>
            {/* A number does not break across lines. */}
            <a href={`tel:${person.phone.replace(/[^+0-9]/g, '')}`}>{person.phone.replace(/ /g, '\u00a0')}</a>
          </dd>
        </>
      ) : null}
      {person.email ? (
        <>
          <dt>{tr(c, 'portal.person.email')}</dt>
          <dd>
            <a href={`mailto:${person.email}`}>{person.email}</a>
          </dd>
        </>
      ) : null}
      <dt>{tr(c, 'portal.person.eligibility')}</dt>
      <dd>{tr(c, `portal.eligibility.${person.eligibility}` as PortalKey)}</dd>
      {person.age ? (
        <>
          <dt>{tr(c, 'portal.person.age')}</dt>
          <dd>{tr(c, `portal.age.${person.age}` as PortalKey)}</dd>
        </>
      ) : null}
      <dt>{tr(c, 'portal.person.dutchLevel')}</dt>
      {/* The resident's answer: "speaks no Dutch", not the listing's "no Dutch needed". */}
      <dd>{person.dutchLevel === 'none' ? tr(c, 'portal.person.dutchNone') : tr(c, `portal.level.${person.dutchLevel}` as PortalKey)}</dd>
      {person.languages.length > 0 ? (
        <>
          <dt>{tr(c, 'portal.person.languages')}</dt>
          <dd>{person.languages.map((l) => tr(c, `portal.language.${l}` as PortalKey)).join(', ')}</dd>
        </>
      ) : null}
      {person.message ? (
        <>
          <dt>{tr(c, 'portal.person.message')}</dt>
          <dd class="person-message">
            <bdi>{person.message}</bdi>
          </dd>
        </>
      ) : null}
      {props.withNote && person.introductionNote ? (
        <>
          <dt>{tr(c, 'portal.person.note')}</dt>
          <dd class="person-note">{person.introductionNote}</dd>
        </>
      ) : null}
      {props.withReference ? (
        <>
          <dt>{tr(c, 'portal.person.reference')}</dt>
          <dd>
            <code>{person.reference}</code>
          </dd>
          <dt>{tr(c, 'portal.person.expires')}</dt>
          <dd>{date(c, new Date(person.expiresAt * 1000).toISOString())}</dd>
          {person.keepLonger ? (
            <>
              <dt>{tr(c, 'portal.person.keepLonger')}</dt>
              <dd>{tr(c, 'portal.yes')}</dd>
            </>
          ) : null}
        </>
      ) : null}
    </dl>
  );
}

/** Outcomes as recorded, oldest first: the day, what happened, the stop reason's code, the stages it implied, who (a role) recorded it. */
export function OutcomeHistory(props: { c: PortalContext; interest: Interest; id?: string }) {
  const { c, interest } = props;
  if (interest.outcomes.length === 0) return <p class="meta">{tr(c, 'portal.outcome.none')}</p>;
  return (
    <ol class="outcomes" id={props.id}>
      {interest.outcomes.map((o) => (
        <li data-status={o.status}>
          <time datetime={o.on}>{date(c, o.on)}</time> {statusLabel(c, o.status)}
          {o.reason ? `: ${tr(c, `portal.stopReason.${o.reason}`)}` : ''}
          {o.implied?.length ? ` (${tr(c, 'portal.outcome.implied', { stages: o.implied.map((s) => statusLabel(c, s)).join(', ') })})` : ''}{' '}
          {o.by ? <span class="meta">{tr(c, 'portal.outcome.by', { who: tr(c, `portal.outcome.byRole.${o.by}`) })}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** The TWV of an introduction: applied when, waiting how long (over 5 weeks: a warning), or decided after how many days. */
export function TwvStatus(props: { c: PortalContext; interest: Interest; today: string }) {
  const { c, interest } = props;
  const applied = interest.stages['twv-applied'];
  if (!applied) return null;
  const granted = interest.stages['twv-granted'];
  const decided = granted ?? interest.stages['twv-refused'];
  const days = daysBetween(applied, decided ?? props.today);
  return (
    <div class="twv" id={`twv-${interest.id}`} data-days={String(days)}>
      <h3>{tr(c, 'portal.twv.title')}</h3>
      {decided ? (
        <p>{tr(c, 'portal.twv.decided', { applied: date(c, applied), decided: date(c, decided), days, decision: statusLabel(c, granted ? 'twv-granted' : 'twv-refused') })}</p>
      ) : (
        <>
          <p>{tr(c, 'portal.twv.waiting', { date: date(c, applied), days })}</p>
          {days > TWV_REMINDER_DAYS && !interest.exit ? <p class="notice warning">{tr(c, 'portal.twv.overdue')}</p> : null}
        </>
      )}
    </div>
  );
}

/** The outcome form's fields as the use case takes them: an empty field is a missing one. */
export function outcomeInput(form: Record<string, string | string[]>) {
  const value = (name: string) => one(form[name]).trim() || undefined;
  return { status: value('status'), on: value('on'), reason: value('reason') };
}

/**
 * Records an outcome. `prefix` keeps ids apart when a page has one form per resident; the
 * version travels with the form so that a lost race is a 409, not an overwrite. A stop reason is
 * a code from a list: no free text, so no health or other personal detail is written down.
 */
export function OutcomeForm(props: { c: PortalContext; action: string; version: number; state: FormState; prefix?: string }) {
  const { c, state, prefix } = props;
  const locale = c.get('locale');
  const labels = { status: tr(c, 'portal.outcome.status'), on: tr(c, 'portal.outcome.on'), reason: tr(c, 'portal.outcome.reasonCode') };
  return (
    <form method="post" action={props.action} class="outcome" novalidate>
      <ErrorSummary locale={locale} state={state} labels={labels} prefix={prefix} />
      <input type="hidden" name="version" value={String(props.version)} />
      <SelectField locale={locale} state={state} name="status" prefix={prefix} label={labels.status} required empty={tr(c, 'portal.outcome.choose')} options={statusOptions(c, OutcomeStatus.options)} />
      <TextField locale={locale} state={state} name="on" prefix={prefix} label={labels.on} type="date" required />
      <SelectField
        locale={locale}
        state={state}
        name="reason"
        prefix={prefix}
        label={labels.reason}
        hint={tr(c, 'portal.outcome.reasonHint')}
        empty={tr(c, 'portal.outcome.choose')}
        options={StopReason.options.map((r) => ({ value: r, label: tr(c, `portal.stopReason.${r}`) }))}
      />
      <button type="submit">{tr(c, 'portal.outcome.save')}</button>
    </form>
  );
}
