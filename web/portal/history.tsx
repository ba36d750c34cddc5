import type { AuditEvent } from '../../shared/domain/audit.js';
import { isLocale, t } from '../../shared/i18n/index.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { tr, type PortalContext } from './env.js';
import { dateTime } from './format.js';
import { labelsOf } from './listing-form.js';

/** Sentences for the actions a listing's history records; `{who}` did it, `{fields}` names what changed. */
const SENTENCES: Record<string, PortalKey> = {
  'listing.created': 'portal.history.created',
  'listing.submit': 'portal.history.submit',
  'listing.approve': 'portal.history.approve',
  'listing.reject': 'portal.history.reject',
  'listing.requestChanges': 'portal.history.requestChanges',
  'listing.close': 'portal.history.close',
  'listing.expire': 'portal.history.expire',
  'listing.wageBelowMinimum': 'portal.history.wageBelowMinimum',
  'listing.declarationLapsed': 'portal.history.declarationLapsed',
  'listing.updated': 'portal.history.updated',
  'listing.change-submitted': 'portal.history.changeSubmitted',
  'listing.change-withdrawn': 'portal.history.changeWithdrawn',
  'listing.change-approved': 'portal.history.changeApproved',
  'listing.change-rejected': 'portal.history.changeRejected',
  'listing.change-returned': 'portal.history.changeReturned',
  'listing.summary-saved': 'portal.history.summarySaved',
  'listing.summary-removed': 'portal.history.summaryRemoved',
};

/** Who did it, in words: a person's address, OpWeg itself (the sweep), a resident, or (as the employer reads it) the desk. */
export function actorInWords(c: PortalContext, actor: string): string {
  if (actor === 'system') return tr(c, 'portal.history.system');
  if (actor === 'resident') return tr(c, 'portal.history.resident');
  return actor === 'desk' ? tr(c, 'portal.history.desk') : actor;
}

/** One event as a sentence in the reader's language ("desk-zuid@… approved it: residents see it."). */
export function eventInWords(c: PortalContext, e: AuditEvent): string {
  const locale = c.get('locale');
  const who = actorInWords(c, e.actor);
  const d = e.detail ?? {};
  if (e.action === 'listing.curated') {
    const key: PortalKey = d.featured === true ? 'portal.history.feature' : d.featured === false ? 'portal.history.unfeature' : d.hidden === true ? 'portal.history.hide' : 'portal.history.unhide';
    return tr(c, key, { who });
  }
  if (e.action === 'listing.submit' && d.to === 'published') return tr(c, 'portal.history.submitPublished', { who });
  const key = SENTENCES[e.action];
  if (!key) return `${who}: ${e.action}`;
  const labels = labelsOf(locale);
  const names = Array.isArray(d.fields) ? d.fields.map((f) => (f === 'workplace' ? t(locale, 'portal.listing.where') : (labels[String(f)] ?? String(f)))) : [];
  const fields = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  const language = typeof d.language === 'string' && isLocale(d.language) ? t(locale, `portal.language.${d.language}`) : '';
  return tr(c, key, { who, fields, count: names.length, language });
}

/** A subject's history, oldest first, in words; a reason the desk gave is quoted beneath. */
export function HistoryTable(props: { c: PortalContext; events: AuditEvent[] }) {
  const { c } = props;
  return (
    <div class="table-scroll">
      <table class="history">
        <thead>
          <tr>
            <th scope="col">{tr(c, 'portal.history.when')}</th>
            <th scope="col">{tr(c, 'portal.history.what')}</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr data-action={e.action}>
              <td>
                <time datetime={e.at}>{dateTime(c, e.at)}</time>
              </td>
              <td>
                {eventInWords(c, e)}
                {typeof e.detail?.reason === 'string' ? <blockquote class="reason">{e.detail.reason}</blockquote> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
