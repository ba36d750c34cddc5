/**
 * The portal's catalogue (employers, desks, admins): Dutch and English only, since portal
 * users work in Dutch or English. Resident-facing text belongs in ../messages/, in every locale.
 */
export const portalEn = {
  'portal.title': 'OpWeg portal',
} as const;

export type PortalKey = keyof typeof portalEn;
export type PortalMessages = Record<PortalKey, string>;
