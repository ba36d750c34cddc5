import type { PortalMessages } from './en.js';

export const portalNl: PortalMessages = {
  'portal.title': 'OpWeg portaal',
};
