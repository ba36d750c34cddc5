import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Interest, Person } from '../shared/domain/interest.js';
import { interestIndexKeys, personIndexKeys } from '../shared/db/keys.js';
import { interestItem, personItem, referenceItem } from '../shared/repositories/interests.js';

/**
 * docs/privacy.md is the data inventory the desk shows. It lists every attribute of the person
 * item, the reference item and the interest item: this test keeps it in step with the code.
 */
const doc = readFileSync(new URL('./privacy.md', import.meta.url), 'utf8');

/** The attribute names in the first column of the table under `heading` (each in backticks). */
function listed(heading: string): string[] {
  const section = doc.split(/^## /m).find((s) => s.startsWith(heading));
  expect(section, heading).toBeDefined();
  return section!
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

// Every attribute a stored item can have: the schema's keys, the keys and index keys the builders add.
const personAttributes = sorted([...Object.keys(Person.shape), ...Object.keys(personItem({ interestId: 'X', expiresAt: 1 } as Person, 'r')), ...Object.keys(personIndexKeys({ interestId: 'X', expiresAt: 1 }, 'r'))]);
const referenceAttributes = sorted(Object.keys(referenceItem('AAAA-AAAA', 'X', 1)));
const everyIndex = { ...interestIndexKeys({ id: 'X', listingId: 'L', organisationId: 'O', regionId: 'r', createdAt: 'c', introducedAt: 'i', seat: 'waiting', waitingTicket: 1, stages: { 'twv-applied': '2026-01-01' } } as Interest) };
const interestAttributes = sorted([...Object.keys(Interest.shape), ...Object.keys(interestItem({ id: 'X', listingId: 'L', organisationId: 'O', regionId: 'r', createdAt: 'c', stages: {} } as Interest)), ...Object.keys(everyIndex)]);

describe('docs/privacy.md', () => {
  it('lists every attribute of the person item, and none it does not have', () => {
    expect(sorted(listed('The person item'))).toEqual(personAttributes);
  });

  it('lists every attribute of the reference item', () => {
    expect(sorted(listed('The reference item'))).toEqual(referenceAttributes);
  });

  it('lists every attribute of the interest item (the facts, no personal data)', () => {
    expect(sorted(listed('The interest item'))).toEqual(interestAttributes);
  });

  it('names every configuration setting the notices take their periods from', () => {
    for (const setting of ['RETENTION_DAYS_AFTER_CLOSE', 'RETENTION_DAYS_WITH_CONSENT', 'AUDIT_RETENTION_DAYS', 'BACKUP_RETENTION_DAYS', 'PRIVACY_CONTROLLER', 'PRIVACY_CONTACT', 'LOGS_KEPT_DAYS']) {
      expect(doc).toContain(`\`${setting}\``);
    }
  });
});
