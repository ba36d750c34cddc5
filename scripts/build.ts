import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { BUNDLE, HANDLERS, type HandlerName } from '../infra/bundling.js';

/** BUNDLE as esbuild's options: for the handlers here, and the bench's empty-app floor. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  format: BUNDLE.format,
  platform: BUNDLE.platform,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourcemap,
  sourcesContent: false,
  mainFields: [...BUNDLE.mainFields],
  external: [...BUNDLE.external],
  banner: { js: BUNDLE.banner },
  logLevel: 'warning',
} satisfies BuildOptions;

export interface BuiltHandler {
  name: HandlerName;
  /** Absolute path of the bundle, `<outdir>/<name>/index.mjs`. */
  file: string;
  bytes: number;
}

/**
 * `npm run build`: the Lambda bundles, made exactly as the CDK stack makes them (same BUNDLE
 * options), into dist/<name>/index.mjs. The bundle tests and the bench load them from here.
 */
export async function buildHandlers(o: { outdir?: string; names?: HandlerName[] } = {}): Promise<BuiltHandler[]> {
  const outdir = resolve(o.outdir ?? 'dist');
  const names = o.names ?? (Object.keys(HANDLERS) as HandlerName[]);
  return Promise.all(
    names.map(async (name) => {
      const file = resolve(outdir, name, 'index.mjs');
      await build({ ...ESBUILD_OPTIONS, entryPoints: [HANDLERS[name]], outfile: file });
      return { name, file, bytes: statSync(file).size };
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const b of await buildHandlers()) console.log(`${b.name.padEnd(8)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB  ${b.file}`);
}
