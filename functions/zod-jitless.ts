import { config } from 'zod';

/**
 * zod compiles each object schema's parser with `new Function` the first time it parses: faster
 * from the second parse on, but a short-lived function parses each schema once or twice, and the
 * compiling costs its cold start more than it saves (docs/scale.md, "Cold starts"). Must be the
 * first import of an entry: zod reads the setting when a schema is made.
 */
config({ jitless: true });
