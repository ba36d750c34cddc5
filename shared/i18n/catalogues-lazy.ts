import type { Messages, NeedsReview } from './messages/en.js';
import type { PortalMessages } from './portal/en.js';
import type { Locale } from './locales.js';

/**
 * ./catalogues.ts for the residents' form function (scripts/build.ts puts this module in its
 * place): a resident's request needs one of the ten catalogues, so each is a chunk of its own,
 * loaded by loadCatalogue before the request is handled. The same names and types as there.
 */

const LOADERS: Record<Locale, () => Promise<{ messages: Messages; needsReview: NeedsReview }>> = {
  nl: async () => import('./messages/nl.js').then((m) => ({ messages: m.nl, needsReview: m.nlNeedsReview })),
  en: async () => import('./messages/en.js').then((m) => ({ messages: m.en, needsReview: m.enNeedsReview })),
  ar: async () => import('./messages/ar.js').then((m) => ({ messages: m.ar, needsReview: m.arNeedsReview })),
  ti: async () => import('./messages/ti.js').then((m) => ({ messages: m.ti, needsReview: m.tiNeedsReview })),
  fa: async () => import('./messages/fa.js').then((m) => ({ messages: m.fa, needsReview: m.faNeedsReview })),
  ps: async () => import('./messages/ps.js').then((m) => ({ messages: m.ps, needsReview: m.psNeedsReview })),
  tr: async () => import('./messages/tr.js').then((m) => ({ messages: m.tr, needsReview: m.trNeedsReview })),
  so: async () => import('./messages/so.js').then((m) => ({ messages: m.so, needsReview: m.soNeedsReview })),
  kmr: async () => import('./messages/kmr.js').then((m) => ({ messages: m.kmr, needsReview: m.kmrNeedsReview })),
  ckb: async () => import('./messages/ckb.js').then((m) => ({ messages: m.ckb, needsReview: m.ckbNeedsReview })),
};

/** Filled per locale by loadCatalogue; t() says so when it meets one not loaded. */
export const CATALOGUE = {} as Record<Locale, Messages>;
export const NEEDS_REVIEW = {} as Record<Locale, NeedsReview>;
/** The residents' function serves no portal page. */
export const PORTAL_CATALOGUE = {} as Record<'nl' | 'en', PortalMessages>;

export async function loadCatalogue(locale: Locale): Promise<void> {
  if (CATALOGUE[locale]) return;
  const { messages, needsReview } = await LOADERS[locale]();
  CATALOGUE[locale] = messages;
  NEEDS_REVIEW[locale] = needsReview;
}
