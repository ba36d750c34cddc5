import { CfnOutput, Duration, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SITE_SOURCES, TABLE } from '../shared/db/table.js';
import { Alarms } from './constructs/alarms.js';
import { PortalApi } from './constructs/api.js';
import { bindSecrets, bindTable, OpwegFunction } from './constructs/opweg-function.js';
import { Site } from './constructs/site.js';
import { createTable } from './constructs/table.js';
import { secretParameter, type Stage } from './stage.js';

/** Everything OpWeg runs on in one AWS account and region. See docs/deploy.md. */
export class OpwegStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { stage: Stage }) {
    super(scope, id, props);
    const { stage } = props;
    const table = createTable(this, 'Table');
    const sender = new EmailIdentity(this, 'Sender', { identity: Identity.email(stage.senderAddress) });
    // Sessions are opaque ids stored in the table, so the cursor key is the only secret so far.
    const secrets = { CURSOR_SECRET: secretParameter(stage, 'cursor-secret') };
    const settings = {
      STAGE: stage.name,
      MAIL_FROM: stage.senderAddress,
      RETENTION_DAYS_AFTER_CLOSE: String(stage.retentionDaysAfterClose),
      RETENTION_DAYS_WITH_CONSENT: String(stage.retentionDaysWithConsent),
    };

    // Portal: every dynamic page and form post, behind the HTTP API.
    const portal = new OpwegFunction(this, 'Portal', { handler: 'portal', description: 'OpWeg portal (Hono app)', environment: settings });
    bindTable(portal, table, 'readWrite');
    bindSecrets(portal, secrets);
    sender.grantSendEmail(portal);
    const api = new PortalApi(this, 'PortalApi', { portal });

    const site = new Site(this, 'Site', {
      apiEndpoint: api.api.apiEndpoint,
      domainName: stage.publicDomain || undefined,
      certificate: stage.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', stage.certificateArn) : undefined,
    });
    const publicOrigin = `https://${stage.publicDomain || site.distribution.distributionDomainName}`;
    portal.addEnvironment('PUBLIC_ORIGIN', publicOrigin);

    // Publisher: re-renders the pages a listing change touches, straight from the table's stream.
    const siteEnvironment = { ...settings, PUBLIC_ORIGIN: publicOrigin, SITE_BUCKET: site.bucket.bucketName };
    /** Table read, page writes and removals (nothing else). No CloudFront invalidation: pages expire in 60 s. */
    const bindSite = (fn: OpwegFunction) => {
      bindTable(fn, table, 'read');
      bindSecrets(fn, secrets);
      // grantPut/grantDelete would add Abort*, DeleteObject* etc.
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [site.bucket.arnForObjects('*')] }));
      Validations.of(fn.role ?? fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(site.bucket.node.defaultChild as CfnElement)}.Arn>/*]`,
        reason: 'It writes any page of the site: object keys are page paths, unknown in advance.',
      });
    };
    const publish = new OpwegFunction(this, 'Publish', {
      handler: 'publish',
      description: 'OpWeg publisher: renders resident pages into the site bucket',
      environment: siteEnvironment,
      timeout: Duration.minutes(1),
    });
    bindSite(publish);

    // A batch the publisher gave up on (after its retries) → its position in the stream, in the
    // dead-letter queue → the repair publishes it again; what the repair cannot do waits, parked.
    const parked = new Queue(this, 'PublishParked', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // No acknowledgement for AwsSolutions-SQS3 needed: it is the dead-letter queue of the one below.
    const repairTimeout = Duration.minutes(10);
    const deadLetters = new Queue(this, 'PublishDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // AWS: at least six times the consumer's timeout, so a throttled batch is not received twice meanwhile.
      visibilityTimeout: Duration.minutes(repairTimeout.toMinutes() * 6),
      deadLetterQueue: { queue: parked, maxReceiveCount: 5 },
    });
    publish.addEventSource(
      new DynamoEventSource(table, {
        // Earlier changes are covered by `rebuild-site`; replaying 24 h of stream would only repeat work.
        startingPosition: StartingPosition.LATEST,
        batchSize: 50,
        // Bulk imports change many listings at once: gather them so shared pages render once.
        maxBatchingWindow: Duration.seconds(2),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 3,
        onFailure: new SqsDlq(deadLetters),
        // Only the items pages are made of (listings, seats, organisations, the directory).
        filters: [
          FilterCriteria.filter({ dynamodb: { Keys: { [TABLE.sortKey]: { S: SITE_SOURCES.sortKeys } } } }),
          FilterCriteria.filter({ dynamodb: { Keys: { [TABLE.partitionKey]: { S: SITE_SOURCES.partitionKeys } } } }),
        ],
      }),
    );

    // Repair: reads a dead-lettered batch again from the stream and publishes it; past the
    // stream's 24 hours, renders the whole site again (web/site/repair.ts).
    const repair = new OpwegFunction(this, 'Repair', {
      handler: 'repair',
      description: 'OpWeg repair: publishes again the stream batches the publisher gave up on',
      environment: siteEnvironment,
      // A whole-site rebuild, when the stream no longer holds a batch.
      timeout: repairTimeout,
    });
    bindSite(repair);
    // Read the table's stream by position (GetShardIterator, GetRecords); the rebuild lists the pages stored.
    repair.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:GetShardIterator', 'dynamodb:GetRecords'], resources: [table.tableStreamArn!] }));
    repair.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [site.bucket.bucketArn] }));
    repair.addEventSource(
      new SqsEventSource(deadLetters, {
        // Few at a time: batches no longer in the stream share one rebuild per invocation.
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(30),
        reportBatchItemFailures: true,
        // At most two repairs (and so whole-site rebuilds) at once.
        maxConcurrency: 2,
      }),
    );

    // Sweep: expire listings past closing, warn employers, delete residents' data past retention, desk digests.
    const sweep = new OpwegFunction(this, 'Sweep', {
      handler: 'sweep',
      description: 'OpWeg sweep: expiry, notices, retention, digests',
      environment: { ...settings, PUBLIC_ORIGIN: publicOrigin },
      timeout: Duration.minutes(5),
      memorySize: 512,
    });
    bindTable(sweep, table, 'readWrite');
    bindSecrets(sweep, secrets);
    sender.grantSendEmail(sweep);
    new Rule(this, 'SweepSchedule', {
      description: 'Runs the OpWeg sweep every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(sweep, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    new Alarms(this, 'Alarms', {
      functions: { Portal: portal, Publish: publish, Repair: repair, Sweep: sweep },
      // A dead letter still there after one visibility timeout: the repair failed once, or is not running.
      deadLetters: { queue: deadLetters, maxAge: Duration.minutes(repairTimeout.toMinutes() * 6) },
      parked,
      email: stage.alarmEmail,
    });

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'PublicOrigin', { value: publicOrigin });
    new CfnOutput(this, 'DistributionDomainName', { value: site.distribution.distributionDomainName, description: 'Point publicDomain (CNAME/alias) here' });
    new CfnOutput(this, 'SiteBucket', { value: site.bucket.bucketName });
    new CfnOutput(this, 'ApiEndpoint', { value: api.api.apiEndpoint });
  }
}
