import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ValidationError, parseInput, type FieldError } from '../errors.js';
import { t } from '../i18n/index.js';
import { listingInput } from './listing.js';
import { Organisation } from './organisation.js';
import { vacancy, visit } from '../../test/fixtures.js';

const ORG = '01JDEM0000000000000000000A';
const TODAY = '2026-11-23';

function errorsOf(input: unknown, schema: z.ZodType = listingInput(TODAY)): FieldError[] {
  try {
    parseInput(schema, input);
  } catch (e) {
    if (e instanceof ValidationError) return e.fields;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

describe('listing input', () => {
  it('accepts a complete vacancy and a complete company visit', () => {
    expect(listingInput(TODAY).parse(vacancy(ORG)).title).toBe('Productiemedewerker kassen');
    expect(listingInput(TODAY).parse(visit(ORG)).seats).toBe(20);
  });

  it('refuses a wage below the minimum in force on the start date, with the rate in the message', () => {
    const [error] = errorsOf(vacancy(ORG, { wagePerHour: 14.5, startDate: '2026-02-01' }));
    expect(error).toEqual({ field: 'wagePerHour', key: 'error.wage_below_minimum', params: { minimum: 14.71 } });
    expect(t('nl', error!.key, error!.params)).toMatch(/€\s14,71/);
    // The same wage was legal when the rate was lower.
    expect(() => parseInput(listingInput('2025-06-01'), vacancy(ORG, { wagePerHour: 14.5, startDate: '2025-06-01', closingDate: '2025-06-20' }))).not.toThrow();
  });

  it('refuses a paid job without a wage, a closing date in the past and a visit without seats', () => {
    expect(errorsOf(vacancy(ORG, { wagePerHour: undefined }))).toContainEqual({ field: 'wagePerHour', key: 'error.wage_required' });
    expect(errorsOf(vacancy(ORG, { closingDate: '2026-11-01' }))).toContainEqual({ field: 'closingDate', key: 'error.date_in_past' });
    expect(errorsOf(visit(ORG, { seats: undefined }))).toContainEqual({ field: 'seats', key: 'error.seats_required' });
    expect(errorsOf(visit(ORG, { endsAt: '2026-12-02T08:00:00+01:00' }))).toContainEqual({ field: 'endsAt', key: 'error.end_before_start' });
  });

  it('refuses "open to everyone" on paid work', () => {
    expect(errorsOf(vacancy(ORG, { openTo: 'everyone' }))).toContainEqual({ field: 'openTo', key: 'error.open_to_everyone_not_allowed' });
  });

  it('gives one message per field, in Dutch and English, never a stack trace', () => {
    const errors = errorsOf({ ...vacancy(ORG), title: '', kind: 'slavery', workplace: { city: 'Venlo', lat: 'x', lon: 6 } });
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.key]));
    expect(byField).toMatchObject({ title: 'error.required', kind: 'error.invalid_choice', 'workplace.lat': 'error.not_a_number' });
    for (const e of errors) {
      expect(t('en', e.key, e.params)).not.toMatch(/\{|\bat\b.*\.ts/);
      expect(t('nl', e.key, e.params)).not.toBe(t('en', e.key, e.params));
    }
  });

  it('refuses javascript: and other non-http URLs for an organisation website', () => {
    const base = { id: ORG, kind: 'employer', name: 'X', regionIds: ['zuid'], createdAt: '2026-11-23T10:00:00.000Z' };
    expect(errorsOf({ ...base, website: 'javascript:alert(1)' }, Organisation)).toContainEqual({ field: 'website', key: 'error.invalid_url' });
    expect(errorsOf({ ...base, website: 'data:text/html,hi' }, Organisation)).toContainEqual({ field: 'website', key: 'error.invalid_url' });
    expect(Organisation.parse({ ...base, website: 'https://www.example.org/werken' }).website).toBe('https://www.example.org/werken');
  });
});
