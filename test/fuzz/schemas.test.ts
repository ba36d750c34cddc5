import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { InterestInput } from '../../shared/domain/interest.js';
import { listingInput } from '../../shared/domain/listing.js';
import { Organisation } from '../../shared/domain/organisation.js';
import { DomainError, ValidationError, parseInput } from '../../shared/errors.js';
import { t } from '../../shared/i18n/index.js';
import { LOCALES } from '../../shared/i18n/locales.js';
import { interestsOfRegion } from '../../shared/repositories/interests.js';
import { listingsOfOrganisation } from '../../shared/repositories/listings.js';
import { expressInterest } from '../../shared/services/interests.js';
import { OutcomeInput } from '../../shared/services/introductions.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { ReportQuery } from '../../shared/services/report.js';
import { createTestDb } from '../db.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';

/**
 * Arbitrary input never crashes a schema or a use case: it is either valid (and then stored
 * valid) or refused with messages a person can read, in every language.
 */
const SCHEMAS: Record<string, z.ZodType> = {
  listing: listingInput('2026-11-23'),
  interest: InterestInput,
  organisation: Organisation,
  outcome: OutcomeInput,
  report: ReportQuery,
};

/** Mostly plausible form values, sometimes hostile ones. */
const value = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '<script>alert(1)</script>', 'javascript:alert(1)', '0', '-1', '1e309', 'NaN', '2026-02-30', '\u202e', '𝕏'.repeat(300)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
);

function checkRefusal(e: unknown) {
  expect(e).toBeInstanceOf(ValidationError);
  for (const f of (e as ValidationError).fields) {
    for (const locale of LOCALES) expect(t(locale, f.key, f.params)).not.toMatch(/^error\.|\{\w+\}/);
  }
}

describe('schemas under arbitrary input', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: valid or refused with readable messages, never a crash`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('title', 'kind', 'name', 'email', 'phone', 'wagePerHour', 'from', 'to', 'status', 'on', 'website', 'seats'), value)), (input) => {
          try {
            const parsed = parseInput(schema, input);
            expect(schema.safeParse(parsed).success).toBe(true);
          } catch (e) {
            checkRefusal(e);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('use cases under arbitrary input', () => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let orgId = '';
  let listingId = '';
  beforeAll(async () => {
    db = await createTestDb();
    await seedDirectory(db);
    orgId = (await seedOrganisation(db)).id;
    const desk = deskOf('zuid');
    const l = await createListing(db, desk, vacancy(orgId), clock);
    await changeStatus(db, desk, l.id, 1, 'submit', { clock });
    listingId = (await changeStatus(db, desk, l.id, 2, 'approve', { clock })).id;
  });

  it('createListing stores only valid listings', async () => {
    const base = vacancy('00000000000000000000000000');
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...Object.keys(base)), value, { maxKeys: 4 }), async (patch) => {
        try {
          await createListing(db, deskOf('zuid'), { ...vacancy(orgId), ...patch, organisationId: orgId, regionId: 'zuid' }, clock);
          stored++;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
        }
      }),
      { numRuns: 60 },
    );
    // Whatever was stored reads back through the schema (a bad item would throw here).
    expect(stored).toBeGreaterThan(0);
    expect((await listingsOfOrganisation(db, orgId, { limit: 200 })).items).toHaveLength(stored + 1);
  });

  it('expressInterest stores only valid interests', async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('name', 'phone', 'email', 'eligibility', 'dutchLevel', 'languages', 'message', 'consent', 'locationId'), value, { maxKeys: 4 }), async (patch) => {
        try {
          await expressInterest(db, { listingId, locationId: 'venlo', name: 'A', phone: '0612345678', age: '18-plus', eligibility: 'not-sure', dutchLevel: 'none', consent: true, ...patch }, clock.now(), { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 });
          stored++;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
        }
      }),
      { numRuns: 60 },
    );
    expect(stored).toBeGreaterThan(0);
    expect((await interestsOfRegion(db, 'zuid', { limit: 200 })).items).toHaveLength(stored);
  });
});
