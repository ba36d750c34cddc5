import type { ContentLanguage } from '../domain/common.js';

/**
 * Machine translation, to pre-fill a summary for a person to check: never shown to residents
 * as it comes out. Two adapters: Amazon Translate on AWS (`adapters/translate-amazon.ts`) and,
 * locally, none at all (`adapters/translate-none.ts`), which says so instead of pretending.
 */
export interface MachineTranslation {
  /** Shown to the person beside the draft, e.g. "Amazon Translate". */
  readonly name: string;
  /** Whether it can translate from one of the site's languages into another. */
  supports(from: ContentLanguage, to: ContentLanguage): boolean;
  /** The text in `to`. Throws when the service fails; callers only ask what `supports` allows. */
  translate(text: string, from: ContentLanguage, to: ContentLanguage): Promise<string>;
}
