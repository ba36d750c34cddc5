import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrors, ValidationError, parseInput, type FieldError } from '../errors.js';
import { t } from '../i18n/index.js';
import { MINIMUM_WAGE_PER_HOUR, minimumWageOn, missingMinimumWageRates } from '../config/minimum-wage.js';
import { addMonths, listingInput } from './listing.js';
import { declarationValidUntil, hasValidDeclaration, Organisation } from './organisation.js';
import { vacancy, visit, volunteering } from '../../test/fixtures.js';

const ORG = '01JDEM0000000000000000000A';
const TODAY = '2026-11-23';
const volunteeringInput = (o: Parameters<typeof volunteering>[1] = {}) => volunteering(ORG, o);

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
    expect(error).toEqual({ field: 'wagePerHour', key: 'error.wage_below_minimum', params: { minimum: 14.71, date: '2026-01-01' } });
    expect(t('nl', error!.key, error!.params)).toMatch(/€\s14,71/);
    // The same wage was legal when the rate was lower.
    expect(() => parseInput(listingInput('2025-06-01'), vacancy(ORG, { wagePerHour: 14.5, startDate: '2025-06-01', closingDate: '2025-06-20' }))).not.toThrow();
    // Before the start date, the rate of today counts too: a listing must be legal from today on.
    expect(errorsOf(vacancy(ORG, { wagePerHour: 14.5, startDate: '2026-12-07' }))).toContainEqual(expect.objectContaining({ key: 'error.wage_below_minimum' }));
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

describe('the listing rules of docs/domain.md', () => {
  const employer = { kind: 'employer' as const };
  const withDeclaration = { kind: 'non-profit' as const, volunteerDeclaration: { issuedOn: '2025-03-01', recordedBy: 'desk', recordedAt: '2025-03-01T10:00:00.000Z' } };
  const rules = (o: Parameters<typeof listingInput>[1] = {}) => listingInput(TODAY, { organisation: employer, ...o });
  const keysOf = (input: unknown, schema: z.ZodType = rules()) => {
    const result = schema.safeParse(input);
    return result.success ? [] : fieldErrors(result.error).map((e) => `${e.field}:${e.key}`);
  };

  it('checks the wage against the rate of today when the start date has passed or lies before the table (the €9 job of 2019)', () => {
    for (const startDate of ['2019-06-01', '2024-01-01']) {
      const errors = errorsOf(vacancy(ORG, { wagePerHour: 9, startDate }), rules());
      expect(errors).toContainEqual({ field: 'wagePerHour', key: 'error.wage_below_minimum', params: { minimum: 14.71, date: '2026-01-01' } });
      expect(errors).toContainEqual({ field: 'startDate', key: 'error.date_in_past' });
    }
  });

  it('says so when the table has no rate for the day, instead of skipping the check', () => {
    const errors = errorsOf(vacancy(ORG, { startDate: '2024-02-01', closingDate: '2024-01-20' }), listingInput('2024-01-10'));
    expect(errors).toContainEqual({ field: 'wagePerHour', key: 'error.wage_no_rate', params: { date: '2024-02-01' } });
    expect(t('nl', 'error.wage_no_rate', { date: '2024-02-01' })).toContain('2024-02-01');
  });

  it('uses the rate in force on the start date when that is later: a new rate in the table counts from its day', () => {
    const wageTable = [{ from: '2026-01-01', euros: 14.71 }, { from: '2027-01-01', euros: 15.2 }];
    expect(keysOf(vacancy(ORG, { wagePerHour: 15, startDate: '2026-12-07' }), rules({ wageTable }))).toEqual([]);
    expect(errorsOf(vacancy(ORG, { wagePerHour: 15, startDate: '2027-02-01' }), rules({ wageTable }))).toEqual([
      { field: 'wagePerHour', key: 'error.wage_below_minimum', params: { minimum: 15.2, date: '2027-01-01' } },
    ]);
  });

  it('asks a wage of every job and apprenticeship, checks any wage on work, refuses one on volunteering and visits', () => {
    expect(keysOf(vacancy(ORG, { kind: 'apprenticeship', wagePerHour: undefined }))).toEqual(['wagePerHour:error.wage_required']);
    expect(keysOf(vacancy(ORG, { kind: 'internship', wagePerHour: undefined }))).toEqual([]);
    expect(keysOf(vacancy(ORG, { kind: 'workplace-learning', wagePerHour: 5 }))).toEqual(['wagePerHour:error.wage_below_minimum']);
    expect(keysOf(volunteeringInput({ wagePerHour: 15 }), rules({ organisation: withDeclaration }))).toEqual(['wagePerHour:error.wage_not_paid_kind']);
    expect(keysOf(visit(ORG, { wagePerHour: 15 }))).toEqual(['wagePerHour:error.wage_not_paid_kind']);
  });

  it('refuses a start date in the past on a new listing, but keeps a stored one when editing', () => {
    expect(keysOf(vacancy(ORG, { startDate: '2026-11-22' }))).toEqual(['startDate:error.date_in_past']);
    expect(keysOf(vacancy(ORG, { startDate: '2026-11-22' }), rules({ keepStartDate: '2026-11-22' }))).toEqual([]);
    expect(keysOf(vacancy(ORG, { startDate: '2026-11-21' }), rules({ keepStartDate: '2026-11-22' }))).toEqual(['startDate:error.date_in_past']);
    expect(keysOf(vacancy(ORG, { startDate: TODAY }))).toEqual([]);
  });

  it('keeps closing dates and visit dates within 12 months (configurable), so a year 9999 never stretches retention', () => {
    expect(errorsOf(vacancy(ORG, { closingDate: '9999-12-31' }), rules())).toEqual([{ field: 'closingDate', key: 'error.date_too_far', params: { date: '2027-11-23' } }]);
    expect(keysOf(vacancy(ORG, { closingDate: '2027-11-23' }))).toEqual([]);
    expect(keysOf(visit(ORG, { startsAt: '9999-12-02T09:00:00+01:00', endsAt: '9999-12-02T12:00:00+01:00' }))).toEqual(['startsAt:error.date_too_far']);
    expect(keysOf(visit(ORG, { endsAt: '9999-12-02T12:00:00+01:00' }))).toEqual(['endsAt:error.date_too_far']);
    expect(keysOf(vacancy(ORG, { closingDate: '2028-06-01' }), rules({ horizonMonths: 24 }))).toEqual([]);
  });

  it('lets only a non-profit with a valid UWV volunteer declaration post volunteering', () => {
    expect(keysOf(volunteeringInput(), rules())).toEqual(['kind:error.volunteering_non_profit_only']);
    expect(keysOf(volunteeringInput(), rules({ organisation: { kind: 'non-profit' } }))).toEqual(['kind:error.volunteering_declaration_required']);
    const expired = { ...withDeclaration, volunteerDeclaration: { ...withDeclaration.volunteerDeclaration, issuedOn: '2023-11-22' } };
    expect(keysOf(volunteeringInput(), rules({ organisation: expired }))).toEqual(['kind:error.volunteering_declaration_required']);
    expect(keysOf(volunteeringInput(), rules({ organisation: withDeclaration }))).toEqual([]);
    expect(keysOf(volunteeringInput(), rules({ organisation: { ...withDeclaration, kind: 'ngo' } }))).toEqual([]);
    // A non-profit may post work too; a partner such as an agency may post work, not volunteering.
    expect(keysOf(vacancy(ORG), rules({ organisation: withDeclaration }))).toEqual([]);
    expect(keysOf(vacancy(ORG), rules({ organisation: { kind: 'employment-agency' } }))).toEqual([]);
    expect(keysOf(volunteeringInput(), rules({ organisation: { kind: 'employment-agency' } }))).toEqual(['kind:error.volunteering_non_profit_only']);
  });

  it('offers the TWV route only for work, and "everyone" only for volunteering, visits and events', () => {
    expect(keysOf(vacancy(ORG, { kind: 'internship', openTo: 'everyone', wagePerHour: undefined }))).toEqual(['openTo:error.open_to_everyone_not_allowed']);
    expect(keysOf(volunteeringInput({ openTo: 'permit-holders-and-asylum-seekers' }), rules({ organisation: withDeclaration }))).toEqual(['openTo:error.open_to_work_permit_not_needed']);
    expect(keysOf(visit(ORG, { openTo: 'permit-holders-and-asylum-seekers' }))).toEqual(['openTo:error.open_to_work_permit_not_needed']);
    expect(keysOf(volunteeringInput({ openTo: 'permit-holders' }), rules({ organisation: withDeclaration }))).toEqual([]);
  });
});

describe('dates the rules rely on', () => {
  it('counts a declaration 3 years from its date, and months to the month\'s last day', () => {
    expect(declarationValidUntil('2025-03-01')).toBe('2028-02-29');
    const org = { kind: 'non-profit' as const, volunteerDeclaration: { issuedOn: '2023-11-24', recordedBy: 'd', recordedAt: '2023-11-24T10:00:00.000Z' } };
    expect(hasValidDeclaration(org, '2026-11-23')).toBe(true);
    expect(hasValidDeclaration(org, '2026-11-24')).toBe(false);
    expect(hasValidDeclaration({ ...org, kind: 'employer' }, '2026-01-01')).toBe(false);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23');
  });

  it('knows which minimum-wage rates are missing: the one in force and the next change', () => {
    expect(missingMinimumWageRates('2026-11-23')).toEqual(['2026-07-01', '2027-01-01']);
    expect(missingMinimumWageRates('2026-05-01')).toEqual(['2026-07-01']);
    expect(missingMinimumWageRates('2026-11-23', [...MINIMUM_WAGE_PER_HOUR, { from: '2026-07-01', euros: 15 }, { from: '2027-01-01', euros: 15.3 }])).toEqual([]);
    expect(minimumWageOn('2026-11-23')).toEqual({ from: '2026-01-01', euros: 14.71 });
    expect(minimumWageOn('2024-06-30')).toBeUndefined();
  });
});
