import type { TranslateClient } from '@aws-sdk/client-translate';
import type { ContentLanguage } from '../domain/common.js';
import type { MachineTranslation } from '../ports/machine-translation.js';

/**
 * Amazon Translate's codes for the site's languages it covers. Tigrinya, Kurmanji and Sorani
 * are not among them: their summaries come from people only. `fa` is written for Dari readers
 * (most Persian-speaking residents come from Afghanistan), so it asks for Dari (`fa-AF`).
 */
export const AMAZON_TRANSLATE_CODES: Partial<Record<ContentLanguage, string>> = {
  nl: 'nl', en: 'en', ar: 'ar', fa: 'fa-AF', ps: 'ps', so: 'so', tr: 'tr',
};

/** The SDK client is loaded with the first translation, not at the portal's cold start. */
export class AmazonTranslate implements MachineTranslation {
  readonly name = 'Amazon Translate';
  private client?: TranslateClient;

  constructor(private readonly o: { region?: string; client?: TranslateClient } = {}) {
    this.client = o.client;
  }

  supports(from: ContentLanguage, to: ContentLanguage): boolean {
    return from !== to && AMAZON_TRANSLATE_CODES[from] !== undefined && AMAZON_TRANSLATE_CODES[to] !== undefined;
  }

  async translate(text: string, from: ContentLanguage, to: ContentLanguage): Promise<string> {
    if (!this.supports(from, to)) throw new Error(`Amazon Translate does not translate ${from} to ${to}`);
    const { TranslateClient, TranslateTextCommand } = await import('@aws-sdk/client-translate');
    this.client ??= new TranslateClient({ region: this.o.region });
    const out = await this.client.send(new TranslateTextCommand({ Text: text, SourceLanguageCode: AMAZON_TRANSLATE_CODES[from], TargetLanguageCode: AMAZON_TRANSLATE_CODES[to] }));
    return out.TranslatedText ?? '';
  }
}
