import * as z from 'zod';
import { balanceBidi } from './bidi.js';

/** ULIDs: sortable by creation time, safe in URLs and keys. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'invalid_id' });

/** Short readable slugs for reference data (regions, locations). */
export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'invalid_slug' }).max(60);

/** Calendar date as the people involved say it: YYYY-MM-DD, no time zone. */
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });

export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);
export const Coordinates = z.object({ lat: Latitude, lon: Longitude });
export type Coordinates = z.infer<typeof Coordinates>;

export const Email = z.email().max(254).transform((s) => s.trim().toLowerCase());

/**
 * hono/jsx escapes attributes but not `javascript:` URLs, so every URL a person types is
 * checked here: http(s) only.
 */
export const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(500);

/** What people type: trimmed, with right-to-left controls left open (or closed without opening) dropped (./bidi.ts). */
export const Text = (max: number) => z.string().overwrite(balanceBidi).trim().min(1).max(max);
export const OptionalText = (max: number) => z.string().overwrite(balanceBidi).trim().max(max).optional();

/** Residents' and employers' languages, as BCP 47 tags (docs/domain.md, "Languages"). */
export const ContentLanguage = z.enum(['nl', 'en', 'ar', 'ti', 'fa', 'ps', 'tr', 'so', 'kmr', 'ckb']);
export type ContentLanguage = z.infer<typeof ContentLanguage>;
