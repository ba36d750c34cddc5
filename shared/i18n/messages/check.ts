import { isPlural, pluralCategories, type Message } from '../plural.js';
import type { Messages, NeedsReview } from './en.js';

const placeholderList = (s: string) => [...s.matchAll(/\{(\w+(?::money)?)\}/g)].map((m) => m[1]!);
const placeholders = (s: string) => placeholderList(s).sort().join(',');

/** Problems of one plural message: the language's categories exactly, placeholders of English's 'other'. */
function pluralProblems(key: string, value: unknown, reference: Message, categories: string[]): string[] {
  const expected = placeholders(isPlural(reference) ? reference.other : reference);
  if (!isPlural(value)) return [`${key} needs the plural forms ${categories.join('/')}`];
  const problems: string[] = [];
  const given = Object.keys(value);
  for (const c of categories) if (!given.includes(c)) problems.push(`${key} misses the plural form ${c}`);
  for (const c of given) if (!categories.includes(c)) problems.push(`${key} has the plural form ${c}, which the language does not use`);
  for (const [c, form] of Object.entries(value) as [string, string][]) {
    if (typeof form !== 'string' || form.trim() === '') problems.push(`empty ${key} (${c})`);
    // A form may say the number in words ("مكان واحد"): then it leaves {count} out, nothing else.
    else if (c === 'other' ? placeholders(form) !== expected : !placeholderList(form).every((p) => expected.split(',').includes(p)))
      problems.push(`placeholders of ${key} (${c}): {${placeholders(form)}} instead of {${expected}}`);
  }
  return problems;
}

/**
 * What is wrong with one locale's catalogue, measured against the English one: missing,
 * unknown or empty keys, placeholders that differ, plural messages without exactly the plural
 * categories of the locale's language (`intlTag`), review marks naming unknown keys.
 */
export function catalogueProblems(reference: Messages, messages: Record<string, unknown>, review: NeedsReview, intlTag: string): string[] {
  const problems: string[] = [];
  const categories = pluralCategories(intlTag);
  for (const key of Object.keys(reference) as (keyof Messages)[]) {
    const value = messages[key];
    const ref: Message = reference[key];
    if (value === undefined) problems.push(`missing ${key}`);
    else if (isPlural(ref)) problems.push(...pluralProblems(key, value, ref, categories));
    else if (typeof value !== 'string' || value.trim() === '') problems.push(`empty ${key}`);
    else if (placeholders(value) !== placeholders(ref)) problems.push(`placeholders of ${key}: {${placeholders(value)}} instead of {${placeholders(ref)}}`);
  }
  for (const key of Object.keys(messages)) if (!(key in reference)) problems.push(`unknown ${key}`);
  if (review !== 'all') for (const key of review) if (!(key in reference)) problems.push(`review mark for unknown ${key}`);
  return problems;
}
