import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { S3SiteStore } from '../shared/adapters/site-store-s3.js';

/**
 * The site bucket and its CloudFront distribution, as the functions that write pages (publish,
 * repair) use them. S3_ENDPOINT: a local S3 (s3rver) in tests, as DYNAMODB_ENDPOINT is DynamoDB
 * Local; unset on AWS. No DISTRIBUTION_ID (tests, bench): nothing to invalidate.
 */
export function siteStore(env: Record<string, string | undefined> = process.env): S3SiteStore {
  const s3 = env.S3_ENDPOINT ? new S3Client({ endpoint: env.S3_ENDPOINT, forcePathStyle: true }) : new S3Client({});
  return new S3SiteStore(env.SITE_BUCKET ?? '', s3);
}

let cloudfront: CloudFrontClient | undefined;

/**
 * Makes CloudFront forget its copies of the given store keys, or of everything. It caches by the
 * key the index rewrite produced (`/nl/listings/<id>/index.html`): invalidate `/` + key.
 */
export async function invalidate(keys: string[] | 'everything', callerReference: string): Promise<void> {
  const distributionId = process.env.DISTRIBUTION_ID;
  if (!distributionId || (keys !== 'everything' && keys.length === 0)) return;
  // A wildcard counts as one path; very many single paths would only queue up at CloudFront.
  const items = keys === 'everything' || keys.length > 1000 ? ['/*'] : keys.map((k) => `/${k}`);
  cloudfront ??= new CloudFrontClient({});
  await cloudfront.send(
    new CreateInvalidationCommand({ DistributionId: distributionId, InvalidationBatch: { CallerReference: callerReference, Paths: { Quantity: items.length, Items: items } } }),
  );
}
