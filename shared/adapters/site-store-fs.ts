import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { contentHash, type SiteFile, type SiteStore } from '../ports/site-store.js';

/**
 * The site as files in a folder (`.data/site/` under `npm start`). A write goes to a
 * temporary file first and is renamed into place, so the server never sends half a page.
 */
export class FsSiteStore implements SiteStore {
  private counter = 0;

  constructor(readonly root: string) {}

  private path(key: string): string {
    if (key.split('/').some((part) => part === '..' || part === '')) throw new Error(`not a site key: ${key}`);
    return join(this.root, ...key.split('/'));
  }

  /** Folders this store made or found: a rebuild writes thousands of pages into the same few. */
  private folders = new Set<string>();

  async put(file: SiteFile): Promise<void> {
    const path = this.path(file.key);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const temporary = `${path}.${process.pid}.${++this.counter}.tmp`;
    await writeFile(temporary, file.body);
    await rename(temporary, path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async hashOf(key: string): Promise<string | undefined> {
    const bytes = await this.get(key);
    return bytes ? contentHash(bytes) : undefined;
  }

  async list(prefix = ''): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: false });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      const key = relative(this.root, join(this.root, entry)).split(sep).join('/');
      if (!key.endsWith('.tmp') && key.startsWith(prefix) && /\.[a-z0-9]+$/.test(key)) keys.push(key);
    }
    return keys;
  }
}
