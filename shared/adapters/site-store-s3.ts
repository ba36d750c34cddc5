import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cacheControlOf, type SiteFile, type SiteStore } from '../ports/site-store.js';

/** The site in the S3 bucket that CloudFront serves (through OAC; the bucket stays private). */
export class S3SiteStore implements SiteStore {
  constructor(
    readonly bucket: string,
    readonly client: S3Client = new S3Client({}),
  ) {}

  async put(file: SiteFile): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: file.key, Body: file.body, ContentType: file.contentType, CacheControl: cacheControlOf(file.key) }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') return undefined;
      throw e;
    }
  }

  /** The ETag, which for a single-part upload without KMS (pages are small, SSE-S3) is the MD5 of the bytes. A HEAD costs a GET's price, a tenth of a PUT's. */
  async hashOf(key: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.ETag?.replace(/"/g, '');
    } catch (e) {
      if (e instanceof NotFound || (e as { name?: string }).name === 'NotFound' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw e;
    }
  }

  async list(prefix = ''): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token }));
      for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}
