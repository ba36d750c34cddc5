import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { BUNDLE, HANDLERS, type HandlerName } from '../infra/bundling.js';

/** BUNDLE as esbuild's options: for the handlers here, and the bench's empty-app floor. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  format: BUNDLE.format,
  platform: BUNDLE.platform,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourcesContent: false,
  mainFields: [...BUNDLE.mainFields],
  external: [...BUNDLE.external],
  banner: { js: BUNDLE.banner },
  logLevel: 'warning',
} satisfies BuildOptions;

/** Puts shared/i18n/catalogues-lazy.ts (or -staff.ts) where shared/i18n/index.ts imports ./catalogues.js. */
const lazyCatalogues = (kind: 'residents' | 'staff'): Plugin => ({
  name: 'opweg-lazy-catalogues',
  setup(b) {
    const file = kind === 'residents' ? 'catalogues-lazy.ts' : 'catalogues-staff.ts';
    b.onResolve({ filter: /^\.\/catalogues\.js$/ }, (args) =>
      args.importer.endsWith(join('shared', 'i18n', 'index.ts')) ? { path: resolve(dirname(args.importer), file) } : undefined,
    );
  },
});

export interface BuiltHandler {
  name: HandlerName;
  /** Absolute path of the entry, `<outdir>/<name>/index.mjs`; its chunks are in `chunks/` beside it. */
  file: string;
  /** The entry's bytes. */
  bytes: number;
  /** Every file of the bundle (entry, chunks, source maps) with its bytes, by path relative to the bundle's folder. */
  files: Record<string, number>;
  /** The chunks the entry imports statically (loaded at every cold start), relative paths. */
  staticChunks: string[];
}

/** The files one handler's bundle is made of, in `dir` (what the CDK asset is). `sourceMap` overrides the handler's (the bench). */
export async function buildHandler(name: HandlerName, dir: string, o: { sourceMap?: boolean } = {}): Promise<BuiltHandler> {
  const h: { entry: string; sourceMap: boolean; lazyCatalogues?: 'residents' | 'staff' } = HANDLERS[name];
  rmSync(dir, { recursive: true, force: true });
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: { index: h.entry },
    outdir: dir,
    splitting: BUNDLE.splitting,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: o.sourceMap ?? h.sourceMap,
    metafile: true,
    plugins: h.lazyCatalogues ? [lazyCatalogues(h.lazyCatalogues)] : [],
  });
  const file = resolve(dir, 'index.mjs');
  const files = Object.fromEntries(listFiles(dir).map((f) => [relative(dir, f).split(sep).join('/'), statSync(f).size]));
  return { name, file, bytes: statSync(file).size, files, staticChunks: staticImports(result.metafile, dir, file) };
}

/** The chunks loaded with `file` before any dynamic import: its static imports, transitively. */
function staticImports(meta: Metafile, dir: string, file: string): string[] {
  const key = (abs: string) => relative(process.cwd(), abs).split(sep).join('/');
  const seen = new Set<string>();
  const visit = (out: string) => {
    for (const i of meta.outputs[out]?.imports ?? []) {
      if (i.kind !== 'import-statement' || i.external || seen.has(i.path)) continue;
      seen.add(i.path);
      visit(i.path);
    }
  };
  visit(key(file));
  return [...seen].map((p) => relative(dir, resolve(p)).split(sep).join('/'));
}

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));

/**
 * `npm run build`: the Lambda bundles, made exactly as the CDK stack makes them (it calls this
 * script: infra/constructs/opweg-function.ts), into dist/<name>/. The bundle tests and the bench
 * load them from there. `-- --only NAME --outdir DIR` builds one handler into DIR itself.
 */
export async function buildHandlers(o: { outdir?: string; names?: HandlerName[] } = {}): Promise<BuiltHandler[]> {
  const outdir = resolve(o.outdir ?? 'dist');
  const names = o.names ?? (Object.keys(HANDLERS) as HandlerName[]);
  return Promise.all(names.map((name) => buildHandler(name, resolve(outdir, name))));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (flag: string) => process.argv[process.argv.indexOf(flag) + 1];
  if (process.argv.includes('--only')) {
    await buildHandler(arg('--only') as HandlerName, resolve(arg('--outdir') ?? `dist/${arg('--only')}`));
  } else {
    for (const b of await buildHandlers()) {
      const total = Object.values(b.files).reduce((a, n) => a + n, 0);
      console.log(`${b.name.padEnd(11)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB entry, ${(total / 1024).toFixed(1).padStart(7)} KB with chunks and maps  ${b.file}`);
    }
  }
}
