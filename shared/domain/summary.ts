import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ContentLanguage, Email, Id, Text } from './common.js';
import type { Listing } from './listing.js';

/**
 * A listing's text in a resident's language: a short plain-language title and summary, written
 * by the region's desk or a volunteer translator the desk invited, one per language. The
 * organisation's own text stays as it is; the page shows the summary marked as a translation.
 *
 * Only what a person wrote or checked is stored: a machine translation only pre-fills the form,
 * and saving it means a person read it against the original (`machineDraft` records that it
 * began as one). So the site never shows a machine's text unchecked.
 */
export const SummaryInput = z.object({
  title: Text(120),
  text: Text(1000),
});
export type SummaryInput = z.input<typeof SummaryInput>;

export const Summary = SummaryInput.extend({
  listingId: Id,
  language: ContentLanguage,
  /** Began as a machine translation, then checked and saved by `writtenBy`. */
  machineDraft: z.boolean().default(false),
  writtenBy: Email,
  updatedAt: z.iso.datetime(),
  /**
   * Which text it summarises: `summarySource` of the listing when it was saved. Once the
   * organisation's title or text changes, the summary no longer matches: residents do not see it
   * (the page says there is no translation) and the portal asks for a check.
   */
  source: z.string().regex(/^[0-9a-f]{16}$/),
});
export type Summary = z.infer<typeof Summary>;

/** A fingerprint of what a summary translates: the listing's language, title and text. */
export const summarySource = (l: Pick<Listing, 'language' | 'title' | 'description'>) =>
  createHash('sha256').update(JSON.stringify([l.language, l.title, l.description])).digest('hex').slice(0, 16);

/** Whether a summary still describes the listing as it reads now. */
export const isCurrent = (s: Pick<Summary, 'source'>, l: Pick<Listing, 'language' | 'title' | 'description'>) => s.source === summarySource(l);

/**
 * The summary a reader of `locale` gets in place of the organisation's text: one written or
 * checked by a person in that language, of the text as it reads now. None when the listing is
 * written in the reader's language, or nobody summarised it (yet) in that language. The site's
 * pages, feeds and calendars, the resident's form and the waiting-list mail all use this one.
 */
export const summaryIn = (locale: string, listing: Listing, summaries: Summary[]): Summary | undefined =>
  listing.language === locale ? undefined : summaries.find((s) => s.language === locale && isCurrent(s, listing));
