import { describe, expect, it } from 'vitest';
import { dutchDay, endOfDutchDay, startOfDutchDay } from './dutch-time.js';

describe('Dutch calendar days', () => {
  it('counts the day in Amsterdam, not in UTC', () => {
    expect(dutchDay('2026-11-26T23:30:00Z')).toBe('2026-11-27'); // 00:30 in winter time
    expect(dutchDay('2026-06-30T21:59:00Z')).toBe('2026-06-30'); // 23:59 in summer time
  });

  it('ends a day with the offset of that day: +01:00 in winter, +02:00 in summer', () => {
    expect(endOfDutchDay('2026-12-20')).toBe('2026-12-20T23:59:59+01:00');
    expect(endOfDutchDay('2026-07-01')).toBe('2026-07-01T23:59:59+02:00');
    expect(endOfDutchDay('2026-03-29')).toBe('2026-03-29T23:59:59+02:00'); // the day summer time starts
    expect(endOfDutchDay('2026-10-25')).toBe('2026-10-25T23:59:59+01:00'); // the day it ends
  });

  it('starts a day at midnight in Amsterdam', () => {
    expect(startOfDutchDay('2026-12-20')).toBe('2026-12-19T23:00:00.000Z');
    expect(startOfDutchDay('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
  });
});
