import * as z from 'zod';
import { ContentLanguage, Email, Id, Text } from './common.js';

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
  /** The listing's version when the summary was saved: an edit of the listing since makes it outdated. */
  listingVersion: z.number().int().min(1),
});
export type Summary = z.infer<typeof Summary>;
