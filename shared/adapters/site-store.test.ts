import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type SiteStore } from '../ports/site-store.js';
import { FsSiteStore } from './site-store-fs.js';
import { S3SiteStore } from './site-store-s3.js';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-store-'));
  folders.push(dir);
  return dir;
};

let s3: S3rver;
let client: S3Client;
beforeAll(async () => {
  // A local S3 on a free loopback port; the bucket lives in a temporary folder.
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: folder(), configureBuckets: [{ name: 'site' }] });
  const { port } = await s3.run();
  client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, region: 'eu-west-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const adapters: [string, () => SiteStore][] = [
  ['file system', () => new FsSiteStore(folder())],
  ['S3 (s3rver)', () => new S3SiteStore('site', client)],
];

describe.each(adapters)('the site store on the %s', (_name, make) => {
  it('writes, overwrites, reads, lists and deletes pages and binary files', async () => {
    const store = make();
    const html = '<!DOCTYPE html><html lang="ti"><title>ስራሕ</title></html>';
    await store.put({ key: 'ti/listings/01J/index.html', body: 'old', contentType: 'text/html; charset=utf-8' });
    await store.put({ key: 'ti/listings/01J/index.html', body: html, contentType: 'text/html; charset=utf-8' });
    await store.put({ key: 'feeds/regions/zuid.atom', body: '<feed/>', contentType: 'application/atom+xml' });
    await store.put({ key: 'assets/font.woff2', body: new Uint8Array([0, 1, 2, 255]), contentType: 'font/woff2' });
    expect(new TextDecoder().decode(await store.get('ti/listings/01J/index.html'))).toBe(html);
    expect([...(await store.get('assets/font.woff2'))!]).toEqual([0, 1, 2, 255]);
    expect((await store.list()).sort()).toEqual(['assets/font.woff2', 'feeds/regions/zuid.atom', 'ti/listings/01J/index.html']);
    expect(await store.list('feeds/')).toEqual(['feeds/regions/zuid.atom']);
    expect(await store.hashOf!('ti/listings/01J/index.html')).toBe(contentHash(html));
    expect(await store.hashOf!('assets/font.woff2')).toBe(contentHash(new Uint8Array([0, 1, 2, 255])));
    expect(await store.hashOf!('nothing/here.html')).toBeUndefined();
    await store.delete('ti/listings/01J/index.html');
    await store.delete('ti/listings/01J/index.html');
    expect(await store.get('ti/listings/01J/index.html')).toBeUndefined();
    expect(await store.get('nothing/here.html')).toBeUndefined();
  });
});

describe('the S3 site store', () => {
  it('stores the content type and how long CloudFront may cache', async () => {
    const store = new S3SiteStore('site', client);
    await store.put({ key: 'nl/index.html', body: '<p>hoi</p>', contentType: 'text/html; charset=utf-8' });
    await store.put({ key: 'assets/site.abc.css', body: 'p{}', contentType: 'text/css; charset=utf-8' });
    const page = await client.send(new HeadObjectCommand({ Bucket: 'site', Key: 'nl/index.html' }));
    expect(page.ContentType).toBe('text/html; charset=utf-8');
    expect(page.CacheControl).toBe('public, max-age=60');
    const css = await client.send(new HeadObjectCommand({ Bucket: 'site', Key: 'assets/site.abc.css' }));
    expect(css.CacheControl).toBe('public, max-age=31536000, immutable');
  });
});

describe('the file-system site store', () => {
  it('refuses keys that would leave its folder', async () => {
    const store = new FsSiteStore(folder());
    await expect(store.put({ key: '../escape.html', body: 'x', contentType: 'text/html' })).rejects.toThrow('not a site key');
  });
});
