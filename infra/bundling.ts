/**
 * How a Lambda handler is bundled, defined once for the CDK functions (infra/constructs/
 * opweg-function.ts) and for `npm run build` / the bundle tests / the bench (scripts/build.ts),
 * which does the bundling for all of them.
 */
export interface HandlerBundle {
  entry: string;
  /**
   * A source map next to the bundle, and `--enable-source-maps` in the function's NODE_OPTIONS.
   * Only for the background functions: it cost the HTTP functions' cold start ~15-35 ms
   * (scripts/bench-bundles.ts prints it), where a person waits; their stack traces stay minified.
   */
  sourceMap: boolean;
  /**
   * Each resident language's catalogue a chunk of its own, loaded per request: `residents`
   * without the portal's catalogues (shared/i18n/catalogues-lazy.ts), `staff` with them
   * (shared/i18n/catalogues-staff.ts).
   */
  lazyCatalogues?: 'residents' | 'staff';
}

export const HANDLERS = {
  portal: { entry: 'functions/portal.ts', sourceMap: false, lazyCatalogues: 'staff' },
  residents: { entry: 'functions/residents.ts', sourceMap: false, lazyCatalogues: 'residents' },
  publish: { entry: 'functions/publish.ts', sourceMap: true },
  repair: { entry: 'functions/repair.ts', sourceMap: true },
  renderChunk: { entry: 'functions/render-chunk.ts', sourceMap: true },
  sweep: { entry: 'functions/sweep.ts', sourceMap: true },
  signInMail: { entry: 'functions/sign-in-mail.ts', sourceMap: true },
} as const satisfies Record<string, HandlerBundle>;
export type HandlerName = keyof typeof HANDLERS;

export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  // node20 syntax runs both on Lambda's nodejs24.x and on the Node 20 the tests and bench use.
  target: 'node20',
  minify: true,
  // Rarely used modules (the CSV parser, the SES, SSM and Translate clients, each catalogue in the
  // residents' function) are imported dynamically and land in chunks of their own, loaded when
  // first needed: a cold start reads less (scripts/bench-bundles.ts prints the bytes it loads).
  splitting: true,
  // Prefer packages' ES module builds: they tree-shake, which keeps bundles and cold starts small.
  mainFields: ['module', 'main'],
  // Nothing external, not even the AWS SDK v3 that Lambda's runtime ships: one minified file
  // loads faster than the SDK's hundreds of files (portal: ~170 ms less to the first answer,
  // scripts/bench-bundles.ts), and Lambda runs the SDK version the tests ran.
  external: [],
  // CommonJS dependencies bundled into an ES module may still call require() for Node built-ins.
  banner: "import { createRequire as __opwegCreateRequire } from 'node:module'; const require = __opwegCreateRequire(import.meta.url);",
} as const;
