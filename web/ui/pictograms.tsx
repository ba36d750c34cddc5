import type { ListingKind } from '../../shared/domain/listing.js';

/**
 * Simple line pictograms for people who read little: one per kind of listing and a few for
 * places and actions. Inline SVG (no request, scales with the text, takes the text colour).
 * Always next to a text label, so they are hidden from screen readers.
 */
const PATHS = {
  job: 'M3 8h18v12H3zM9 8V5h6v3M3 13h18',
  internship: 'M2 9l10-5 10 5-10 5zM6 11v5c3 2 9 2 12 0v-5M22 9v6',
  'workplace-learning': 'M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.8-.7-.7-2.8z',
  apprenticeship: 'M4 4h6a2 2 0 0 1 2 2v14a2 2 0 0 0-2-2H4zM20 4h-6a2 2 0 0 0-2 2v14a2 2 0 0 1 2-2h6z',
  volunteering: 'M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z',
  'company-visit': 'M3 21V10l5 3v-3l5 3v-3l5 3V4h3v17zM7 17h2M12 17h2',
  event: 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4M8 15h3',
  location: 'M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11zM12 7.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z',
  region: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  language: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18',
  partners: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM17 6.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM2 20c0-3.5 2.7-6 6-6s6 2.5 6 6M15 15.5c.6-.3 1.3-.5 2-.5 2.2 0 4 1.8 4 5',
  print: 'M6 9V3h12v6M6 18H4v-9h16v9h-2M6 14h12v7H6z',
  feed: 'M5 5a14 14 0 0 1 14 14M5 11a8 8 0 0 1 8 8M6 17.5a.5.5 0 1 0 0 1 .5.5 0 0 0 0-1z',
  desk: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5',
  privacy: 'M6 11h12v10H6zM8 11V8a4 4 0 0 1 8 0v3',
} as const satisfies Record<ListingKind | string, string>;

export type PictogramName = keyof typeof PATHS;

export function Pictogram(props: { name: PictogramName }) {
  return (
    <svg class="pict" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[props.name]} />
    </svg>
  );
}
