/**
 * How a Lambda handler is bundled, defined once for the CDK functions (infra/constructs/
 * opweg-function.ts) and for `npm run build` / the bundle tests (scripts/build.ts).
 */
export const HANDLERS = {
  portal: 'functions/portal.ts',
  publish: 'functions/publish.ts',
  repair: 'functions/repair.ts',
  renderChunk: 'functions/render-chunk.ts',
  sweep: 'functions/sweep.ts',
  signInMail: 'functions/sign-in-mail.ts',
} as const;
export type HandlerName = keyof typeof HANDLERS;

export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  // node20 syntax runs both on Lambda's nodejs24.x and on the Node 20 the tests and bench use.
  target: 'node20',
  minify: true,
  sourcemap: true,
  // Prefer packages' ES module builds: they tree-shake, which keeps bundles and cold starts small.
  mainFields: ['module', 'main'],
  // Nothing external, not even the AWS SDK v3 that Lambda's runtime ships: one minified file
  // loads faster than the SDK's hundreds of files (portal: ~170 ms less to the first answer,
  // scripts/bench-bundles.ts), and Lambda runs the SDK version the tests ran.
  external: [],
  // CommonJS dependencies bundled into an ES module may still call require() for Node built-ins.
  banner: "import { createRequire as __opwegCreateRequire } from 'node:module'; const require = __opwegCreateRequire(import.meta.url);",
} as const;
