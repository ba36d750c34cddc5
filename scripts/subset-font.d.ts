/** npm `subset-font` ships no types: the calls scripts/ethiopic-fonts.ts makes. */
declare module 'subset-font' {
  interface Options {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    /** Every glyph (then no text). */
    keepAllGlyphs?: boolean;
    /** The OpenType layout features to keep (default: all). */
    keepFeatures?: string[];
  }
  export default function subsetFont(font: Buffer, text: string | undefined, options?: Options): Promise<Buffer>;
}
