import type { ListingKind } from '../../shared/domain/listing.js';
import type { PictogramName } from '../ui/pictograms.js';

/**
 * How residents browse: four groups of kinds, each a page per region. A resident looking for
 * work does not need to know the difference between an internship and workplace learning.
 */
export const KIND_GROUPS = {
  jobs: ['job'],
  learning: ['internship', 'workplace-learning', 'apprenticeship'],
  volunteering: ['volunteering'],
  visits: ['company-visit', 'event'],
} as const satisfies Record<string, readonly ListingKind[]>;

export type KindGroup = keyof typeof KIND_GROUPS;
export const GROUPS = Object.keys(KIND_GROUPS) as KindGroup[];

export const isGroup = (s: string): s is KindGroup => s in KIND_GROUPS;

export function groupOf(kind: ListingKind): KindGroup {
  return GROUPS.find((g) => (KIND_GROUPS[g] as readonly ListingKind[]).includes(kind))!;
}

export const GROUP_PICTOGRAM: Record<KindGroup, PictogramName> = {
  jobs: 'job',
  learning: 'internship',
  volunteering: 'volunteering',
  visits: 'company-visit',
};
