import * as z from 'zod';
import { Latitude, Longitude, OptionalText, Slug, Text } from './common.js';

/** Words the portal's desk pages use in the place of a region id (`/portal/desk/privacy`). */
export const RESERVED_REGION_IDS: readonly string[] = ['privacy'];

/** A COA region (Noord, Oost, Zuid, West): admin-editable data, seeded from the COA file. */
export const Region = z.object({
  id: Slug.refine((id) => !RESERVED_REGION_IDS.includes(id), { error: 'reserved_id' }),
  name: Text(80),
});
export type Region = z.infer<typeof Region>;

export const LabourMarketRegion = z.object({
  code: z.string().regex(/^AM\d{2}$/),
  name: Text(80),
});

/**
 * A reception location (azc). Its coordinates are the centre of its town, never shown as an
 * address: the admin names the town (`place`) and the coordinates come from the places list; the
 * seeded locations carry coordinates without a `place`.
 */
export const Location = z.object({
  id: Slug,
  regionId: Slug,
  name: Text(80),
  municipality: Text(80),
  province: Text(80),
  /** The town or village whose centre gives `lat`/`lon`, as stored from the admin's form ("Grave", "Hengelo (Overijssel)"). */
  place: OptionalText(80),
  lat: Latitude,
  lon: Longitude,
  labourMarketRegion: LabourMarketRegion.optional(),
  /** Where residents find the location's participation desk (Meedoenbalie), in Dutch as the admin writes it. */
  deskAddress: OptionalText(200),
  /** When it is open, in the admin's words ("ma, wo en vr 9.30–12.00"). */
  deskHours: OptionalText(300),
  deskPhone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'invalid_phone' }).optional(),
});
export type Location = z.infer<typeof Location>;
