import { pluralCategories, pluralParts } from '../plural.js';
import type { Messages, NeedsReview } from './en.js';

/** The names a message fills in: `{name}`, `{name:money}`, and the number of a plural (`{count, plural, …}`). */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+(?::money)?)(?:\}|, *plural,)/g)].map((m) => m[1]))].sort().join(',');

/** A plural with other categories than the language's (exact `=n` branches aside), or a count said in no plural where English has one. */
function pluralProblems(key: string, value: string, reference: string, categories: string[]): string[] {
  const problems: string[] = [];
  const parts = pluralParts(value);
  if (parts.length < pluralParts(reference).length) problems.push(`${key} needs the plural forms ${categories.join('/')}`);
  for (const part of parts) {
    const given = [...part.branches.keys()].filter((k) => !k.startsWith('='));
    for (const c of categories) if (!given.includes(c)) problems.push(`${key} misses the plural form ${c}`);
    for (const c of given) if (!categories.includes(c)) problems.push(`${key} has the plural form ${c}, which the language does not use`);
  }
  return problems;
}

/**
 * What is wrong with one locale's catalogue, measured against the English one: missing,
 * unknown or empty keys, placeholders that differ, plurals without exactly the categories of
 * the locale's language (`intlTag`), review marks naming unknown keys.
 */
export function catalogueProblems(reference: Messages, messages: Record<string, unknown>, review: NeedsReview, intlTag: string): string[] {
  const problems: string[] = [];
  const categories = pluralCategories(intlTag);
  for (const key of Object.keys(reference) as (keyof Messages)[]) {
    const value = messages[key];
    if (value === undefined) problems.push(`missing ${key}`);
    else if (typeof value !== 'string' || value.trim() === '') problems.push(`empty ${key}`);
    else if (placeholders(value) !== placeholders(reference[key])) problems.push(`placeholders of ${key}: {${placeholders(value)}} instead of {${placeholders(reference[key])}}`);
    else problems.push(...pluralProblems(key, value, reference[key], categories));
  }
  for (const key of Object.keys(messages)) if (!(key in reference)) problems.push(`unknown ${key}`);
  if (review !== 'all') for (const key of review) if (!(key in reference)) problems.push(`review mark for unknown ${key}`);
  return problems;
}
