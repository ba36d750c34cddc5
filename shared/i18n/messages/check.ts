import type { Messages, NeedsReview } from './en.js';

/** The names a message fills in: `{name}`, and the number of a plural (`{count, plural, …}`). */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|, *plural,)/g)].map((m) => m[1]))].sort().join(',');

/**
 * What is wrong with one locale's catalogue, measured against the English one: missing,
 * unknown or empty keys, placeholders that differ, review marks naming unknown keys.
 */
export function catalogueProblems(reference: Messages, messages: Record<string, unknown>, review: NeedsReview): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference) as (keyof Messages)[]) {
    const value = messages[key];
    if (value === undefined) problems.push(`missing ${key}`);
    else if (typeof value !== 'string' || value.trim() === '') problems.push(`empty ${key}`);
    else if (placeholders(value) !== placeholders(reference[key])) problems.push(`placeholders of ${key}: {${placeholders(value)}} instead of {${placeholders(reference[key])}}`);
  }
  for (const key of Object.keys(messages)) if (!(key in reference)) problems.push(`unknown ${key}`);
  if (review !== 'all') for (const key of review) if (!(key in reference)) problems.push(`review mark for unknown ${key}`);
  return problems;
}
