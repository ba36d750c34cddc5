import type { SSMClient } from '@aws-sdk/client-ssm';
import { loadConfig } from '../shared/config/index.js';
import { createDb } from '../shared/db/client.js';
import type { Deps } from '../web/deps.js';

const SUFFIX = '_PARAMETER';

/**
 * On AWS the stack passes secrets by SSM parameter NAME (`CURSOR_SECRET_PARAMETER=/opweg/dev/
 * cursor-secret`, see infra bindSecrets); this reads the values once and returns them under the
 * plain name (`CURSOR_SECRET`). Locally no `*_PARAMETER` is set, so the config's defaults apply.
 */
export async function readSecrets(
  env: Record<string, string | undefined> = process.env,
  ssm?: Pick<SSMClient, 'send'>,
): Promise<Record<string, string>> {
  const wanted = Object.entries(env).flatMap(([key, name]) => (key.endsWith(SUFFIX) && name ? [[key.slice(0, -SUFFIX.length), name] as const] : []));
  if (wanted.length === 0) return {};
  // Loaded only when there is something to read (on AWS; never locally).
  const { GetParametersCommand, SSMClient } = await import('@aws-sdk/client-ssm');
  const out = await (ssm ?? new SSMClient({})).send(new GetParametersCommand({ Names: wanted.map(([, name]) => name), WithDecryption: true }));
  // Fail the cold start loudly: running with a development default secret on AWS would be worse.
  if (out.InvalidParameters?.length) throw new Error(`SSM parameters missing: ${out.InvalidParameters.join(', ')} (see docs/deploy.md)`);
  const values = new Map(out.Parameters?.map((p) => [p.Name, p.Value]));
  return Object.fromEntries(wanted.map(([key, name]) => [key, values.get(name) ?? '']));
}

/**
 * The origin secrets the portal accepts (shared/config/origin.ts): the newest value of the
 * parameter named by `ORIGIN_SECRET_NAME` and the one before it, from its history. Every deploy
 * writes a new value; CloudFront's edges send the old one until the new one reaches them.
 */
export async function readOriginSecrets(env: Record<string, string | undefined> = process.env, ssm?: SSMClient): Promise<Record<string, string>> {
  const name = env.ORIGIN_SECRET_NAME;
  if (!name) return {};
  const { paginateGetParameterHistory, SSMClient } = await import('@aws-sdk/client-ssm');
  const versions: { version: number; value: string }[] = [];
  for await (const page of paginateGetParameterHistory({ client: ssm ?? new SSMClient({}) }, { Name: name, WithDecryption: true })) {
    for (const p of page.Parameters ?? []) if (p.Value) versions.push({ version: p.Version ?? 0, value: p.Value });
  }
  const values = versions.sort((a, b) => a.version - b.version).map((v) => v.value);
  if (values.length === 0) throw new Error(`SSM parameter ${name} has no value (see docs/deploy.md)`);
  return { ORIGIN_SECRETS: values.slice(-2).join(' ') };
}

/** What every handler needs, built once per Lambda instance (at cold start). */
export async function loadDeps(): Promise<Deps> {
  const config = loadConfig({ ...process.env, ...(await readSecrets()), ...(await readOriginSecrets()) });
  const db = createDb({ tableName: config.TABLE_NAME, cursorSecret: config.CURSOR_SECRET, region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT, auditRetentionDays: config.AUDIT_RETENTION_DAYS });
  return { db, config };
}
