import { createHash } from 'node:crypto';

/**
 * Where the rendered resident site goes: files by key (`nl/listings/<id>/index.html`,
 * `feeds/regions/zuid.atom`). Two adapters: a folder (`adapters/site-store-fs.ts`, served by
 * `npm start`) and the S3 bucket behind CloudFront (`adapters/site-store-s3.ts`).
 * Writing the same bytes twice is harmless, so publishing can be repeated.
 */
export interface SiteFile {
  key: string;
  body: string | Uint8Array;
  contentType: string;
}

export interface SiteStore {
  put(file: SiteFile): Promise<void>;
  /** Removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** The stored bytes, or undefined. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Every key under `prefix` (all when absent), in no particular order. */
  list(prefix?: string): Promise<string[]>;
  /**
   * The MD5 (hex) of what is stored under `key`, or undefined when nothing is: rendering
   * compares it with the new page's and skips the write when they match (contentHash below).
   * Absent (a store that cannot tell): every page is written.
   */
  hashOf?(key: string): Promise<string | undefined>;
}

/** What `hashOf` returns for these bytes: MD5, as S3's ETag of a single-part upload is. */
export const contentHash = (body: string | Uint8Array) => createHash('md5').update(body).digest('hex');

/**
 * How long browsers and CloudFront may keep a file. Assets are named by their content, so
 * forever. Pages and feeds change when the table does: a minute, so a change reaches every
 * reader within about a minute of its publishing WITHOUT a CloudFront invalidation (which costs
 * $0.005 per path past the first 1,000 a month; a listing change touches about 100 pages). The
 * price is one S3 GET per page per edge location per minute while it is read: fractions of a cent.
 */
export function cacheControlOf(key: string): string {
  return key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=60';
}
