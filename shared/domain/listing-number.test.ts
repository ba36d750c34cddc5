import { describe, expect, it } from 'vitest';
import { listingNumber, parseListingNumber } from './listing-number.js';

describe('listing numbers', () => {
  it('are the last eight characters of the id', () => {
    expect(listingNumber({ id: '01KB2ZP4W0G7K3M9QXAE5D7R1N' })).toBe('QXAE5D7R1N'.slice(-8));
  });

  it('read what was typed or heard the way it is stored', () => {
    expect(parseListingNumber('7k3m 9qxa')).toBe('7K3M9QXA');
    expect(parseListingNumber(' 7K3M-9QXA ')).toBe('7K3M9QXA');
    // Crockford's look-alikes: O is 0, I and L are 1.
    expect(parseListingNumber('7K3MOQXI')).toBe('7K3M0QX1');
    expect(parseListingNumber('L0000000')).toBe('10000000');
  });

  it('refuse what cannot be a number', () => {
    for (const text of ['', '12-3', '7K3M9QX', '7K3M9QXAB', '7K3M9QXU', 'ÄÖÜ12345', '<script>']) expect(parseListingNumber(text)).toBeUndefined();
  });
});
