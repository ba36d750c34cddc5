import { spawnSync } from 'node:child_process';
import { AssetHashType, DockerImage, Duration, Stack, Validations, type BundlingOptions, type CfnElement, type ILocalBundling } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HANDLERS, type HandlerName } from '../bundling.js';

export interface OpwegFunctionProps {
  handler: HandlerName;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * Bundling by `scripts/build.ts --only <handler>` on this machine (no Docker): the same build
 * as `npm run build`, the tests and the bench, code splitting included (which CDK's
 * NodejsFunction cannot do: it writes one file). A child process, because CDK asks for the bundle
 * synchronously. The handler's name is a property, so CDK's asset cache tells the functions apart.
 */
class LocalBuild implements ILocalBundling {
  constructor(readonly handler: HandlerName) {}

  tryBundle(outputDir: string): boolean {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--only', this.handler, '--outdir', outputDir], { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`bundling ${this.handler} failed (scripts/build.ts, exit ${run.status ?? run.signal})`);
    return true;
  }
}

/** The bundle of a handler as a Lambda asset; hashed by its output, so an unchanged bundle is not uploaded again. */
export function handlerCode(handler: HandlerName): Code {
  const bundling: BundlingOptions = {
    local: new LocalBuild(handler),
    // Never used: the local build above always bundles (or fails the synth).
    image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
  };
  return Code.fromAsset('.', { assetHashType: AssetHashType.OUTPUT, bundling });
}

/**
 * Every OpWeg Lambda: one thin file in functions/, bundled with the shared options
 * (infra/bundling.ts), arm64 on the newest Node.js runtime, logs kept one month.
 */
export class OpwegFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: OpwegFunctionProps) {
    // Logs may hold e-mail addresses and IPs: keep them no longer than needed to debug.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    // Own role that may write only its own log group (instead of the managed basic execution role).
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      code: handlerCode(props.handler),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // CPU grows with memory; rendering and cold starts are CPU-bound, and billing is per ms.
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      environment: {
        ...(HANDLERS[props.handler].sourceMap ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        POWERTOOLS_SERVICE_NAME: `opweg-${props.handler}`,
        POWERTOOLS_METRICS_NAMESPACE: 'OpWeg',
        ...props.environment,
      },
    });
  }
}

/** Item-level actions only: the product never scans, so no role may (see eslint.config.js). */
const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  // Transactions need no action of their own: each item in one needs its item-level action.
  readWrite: [
    'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query',
    'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem',
  ],
} as const;

/** Grants a function the table (and its indexes) and tells it the table's name. */
export function bindTable(fn: LambdaFunction, table: ITableV2, access: keyof typeof TABLE_ACTIONS) {
  table.grant(fn, ...TABLE_ACTIONS[access]);
  fn.addEnvironment('TABLE_NAME', table.tableName);
  // The stack's own table by its logical id; a restored one (imported by name) by its ARN.
  const own = table.node.defaultChild as CfnElement | undefined;
  const stack = Stack.of(fn);
  const arn = own ? `<${stack.getLogicalId(own)}.Arn>` : `arn:<AWS::Partition>:dynamodb:${stack.region}:${stack.account}:table/${table.tableName}`;
  Validations.of(fn.role ?? fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${arn}/index/*]`,
    reason: 'Access patterns query the GSIs (docs/data-model.md); index/* covers exactly this table\'s indexes.',
  });
}

/**
 * Hands a function the NAMES of SSM SecureString parameters as `<NAME>_PARAMETER` (the values
 * never enter code or template) and lets it read exactly those; functions/deps.ts reads them.
 */
export function bindSecrets(fn: LambdaFunction, secrets: Record<string, string>) {
  const stack = Stack.of(fn);
  for (const [name, parameterName] of Object.entries(secrets)) fn.addEnvironment(`${name}_PARAMETER`, parameterName);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ssm:GetParameters'],
      resources: Object.values(secrets).map((p) => stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: p.replace(/^\//, '') })),
    }),
  );
}
