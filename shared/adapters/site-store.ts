import type { SiteStore } from '../ports/site-store.js';
import { FsSiteStore } from './site-store-fs.js';
import { S3SiteStore } from './site-store-s3.js';

/** The bucket when the stack sets SITE_BUCKET (the publish Lambda), else a local folder. */
export function siteStoreFromEnv(env: Record<string, string | undefined> = process.env, localDir = '.data/site'): SiteStore {
  return env.SITE_BUCKET ? new S3SiteStore(env.SITE_BUCKET) : new FsSiteStore(env.SITE_DIR ?? localDir);
}
