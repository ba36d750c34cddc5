/**
 * Plurals, one mechanism for the residents' site and the portal. A message that counts
 * something is not one string but its plural forms, one per category the language's
 * `Intl.PluralRules` knows (Dutch and English: one/other; Arabic: zero/one/two/few/many/other),
 * and `t()` picks the form for the `count` parameter:
 *
 *   'listing.seatsLeft': { one: '{count} place left', other: '{count} places left' },
 *
 * A form may leave `{count}` out where the language says the number in words (Arabic "مكان
 * واحد"). The catalogue test checks that every locale has exactly its language's categories.
 */
export type PluralCategory = Intl.LDMLPluralRule;
export type Plural = Readonly<Partial<Record<PluralCategory, string>> & { other: string }>;
export type Message = string | Plural;

/** The parameter a plural message counts with. */
export const PLURAL_PARAM = 'count';

export const isPlural = (m: unknown): m is Plural => typeof m === 'object' && m !== null && typeof (m as Plural).other === 'string';

const rules = new Map<string, Intl.PluralRules>();
function rulesOf(intlTag: string): Intl.PluralRules {
  let r = rules.get(intlTag);
  if (!r) rules.set(intlTag, (r = new Intl.PluralRules(intlTag)));
  return r;
}

/** The categories a language distinguishes (always including 'other'). */
export const pluralCategories = (intlTag: string): PluralCategory[] => rulesOf(intlTag).resolvedOptions().pluralCategories;

/** The form of `forms` for `n` in the language of `intlTag`; 'other' when the form is missing. */
export function selectPlural(intlTag: string, forms: Plural, n: number): string {
  return forms[rulesOf(intlTag).select(n)] ?? forms.other;
}
