import { portalEn, type PortalMessages } from './portal/en.js';
import { portalNl } from './portal/nl.js';

/**
 * ./catalogues.ts for the staff portal's function (scripts/build.ts puts this module in its
 * place): its own nl and en catalogues with the module, the ten resident catalogues each a chunk
 * loaded by loadCatalogue when a request needs it (a resident page, a preview, a mail to a
 * resident), as in the residents' function (./catalogues-lazy.ts). The same names and types.
 */
export { CATALOGUE, NEEDS_REVIEW, loadCatalogue } from './catalogues-lazy.js';
export const PORTAL_CATALOGUE: Record<'nl' | 'en', PortalMessages> = { nl: portalNl, en: portalEn };
