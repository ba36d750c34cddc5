import { en, enNeedsReview, type Messages, type NeedsReview } from './messages/en.js';
import { nl, nlNeedsReview } from './messages/nl.js';
import { ar, arNeedsReview } from './messages/ar.js';
import { ti, tiNeedsReview } from './messages/ti.js';
import { fa, faNeedsReview } from './messages/fa.js';
import { ps, psNeedsReview } from './messages/ps.js';
import { tr, trNeedsReview } from './messages/tr.js';
import { so, soNeedsReview } from './messages/so.js';
import { kmr, kmrNeedsReview } from './messages/kmr.js';
import { ckb, ckbNeedsReview } from './messages/ckb.js';
import { portalEn, type PortalMessages } from './portal/en.js';
import { portalNl } from './portal/nl.js';
import type { Locale } from './locales.js';

/**
 * Every catalogue, loaded with the module: what the publisher, `npm start` and the tests use.
 * The residents' form function is bundled with ./catalogues-lazy.ts in this module's place, the
 * staff portal with ./catalogues-staff.ts (scripts/build.ts): they load one resident locale's
 * catalogue when a request needs it.
 */

/** Resident-facing messages: every key in every locale (a test checks it). */
export const CATALOGUE: Record<Locale, Messages> = { nl, en, ar, ti, fa, ps, tr, so, kmr, ckb };
/** Translations still waiting for a native speaker's review, per locale (see NeedsReview). */
export const NEEDS_REVIEW: Record<Locale, NeedsReview> = {
  nl: nlNeedsReview, en: enNeedsReview, ar: arNeedsReview, ti: tiNeedsReview, fa: faNeedsReview,
  ps: psNeedsReview, tr: trNeedsReview, so: soNeedsReview, kmr: kmrNeedsReview, ckb: ckbNeedsReview,
};
/** Portal messages: Dutch and English. */
export const PORTAL_CATALOGUE: Record<'nl' | 'en', PortalMessages> = { nl: portalNl, en: portalEn };

/** Makes `locale`'s resident catalogue ready for t(). Here every one already is. */
export async function loadCatalogue(_locale: Locale): Promise<void> {}
