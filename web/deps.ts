import type { Config } from '../shared/config/index.js';
import type { Db } from '../shared/db/client.js';

/** What the web apps need from outside, built once by the entry point (dev server or Lambda). */
export interface Deps {
  db: Db;
  config: Config;
}
