import { S3Client } from '@aws-sdk/client-s3';
import { S3SiteStore } from '../shared/adapters/site-store-s3.js';

/**
 * The site bucket, as the functions that write pages (publish, repair, render-chunk) use it.
 * S3_ENDPOINT: a local S3 (s3rver) in tests, as DYNAMODB_ENDPOINT is DynamoDB Local; unset on
 * AWS. Nothing is invalidated at CloudFront: pages and feeds carry `max-age=60`, so the edge and
 * the browser fetch them again within a minute of a change (shared/ports/site-store.ts
 * cacheControlOf); assets are named by their content.
 */
export function siteStore(env: Record<string, string | undefined> = process.env): S3SiteStore {
  const s3 = env.S3_ENDPOINT ? new S3Client({ endpoint: env.S3_ENDPOINT, forcePathStyle: true }) : new S3Client({});
  return new S3SiteStore(env.SITE_BUCKET ?? '', s3);
}
