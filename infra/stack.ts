import { createHash, randomBytes } from 'node:crypto';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SITE_SOURCES, TABLE } from '../shared/db/table.js';
import { Alarms } from './constructs/alarms.js';
import { PortalApi } from './constructs/api.js';
import { bindSecrets, bindTable, OpwegFunction } from './constructs/opweg-function.js';
import { Site } from './constructs/site.js';
import { createTable } from './constructs/table.js';
import { globalName, originSecretParameter as originSecretParameterName, secretParameter, type Stage } from './stage.js';

/**
 * Memory of the two HTTP functions, from `npm run bench` (docs/scale.md, "Cold starts"): a cold
 * start needs ~70 MB but ~200 ms of CPU, and Lambda gives CPU in proportion to memory (one full
 * vCPU at 1,769 MB): at 1,024 MB the same start takes ~1.7 times as long. A person waits for it,
 * and at the portal's few thousand requests a day the larger size costs cents a month.
 */
const PORTAL_MEMORY_MB = 1769;
const RESIDENTS_MEMORY_MB = 1769;

/**
 * Everything OpWeg runs on in one AWS account and region (the stage's, pinned): the table, the
 * site bucket behind CloudFront, the portal behind an HTTP API, the functions that publish,
 * repair and sweep, SES, alarms, budget and backups. docs/deploy.md describes each piece.
 */
export class OpwegStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { stage: Stage }) {
    super(scope, id, { ...props, env: { account: props.stage.account, region: props.stage.region } });
    const { stage } = props;
    // After a restore (docs/deploy.md, "Restore"), the restored table; the stack's own stays (RETAIN).
    const table: ITableV2 = stage.table
      ? TableV2.fromTableAttributes(this, 'RestoredTable', { tableName: stage.table.name, tableStreamArn: stage.table.streamArn, globalIndexes: TABLE.indexes.map((i) => i.name) })
      : createTable(this, 'Table');

    // Mail: bounces and complaints put the address on SES's suppression list (no more mail is
    // sent to it) and are reported to the admin through the MailFeedback topic.
    const mailFeedback = new Topic(this, 'MailFeedback', { displayName: 'OpWeg mail bounces and complaints', enforceSSL: true });
    if (stage.alarmEmail) mailFeedback.addSubscription(new EmailSubscription(stage.alarmEmail));
    const mail = new ConfigurationSet(this, 'Mail', { configurationSetName: `opweg-${stage.name}`, suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS });
    mail.addEventDestination('BouncesAndComplaints', { destination: EventDestination.snsTopic(mailFeedback), events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT] });
    const sender = stage.createSenderIdentity
      ? new EmailIdentity(this, 'Sender', {
          // A domain gets Easy DKIM (three CNAME records, output below); an address a verification mail.
          identity: stage.senderDomain ? Identity.domain(stage.senderDomain) : Identity.email(stage.senderAddress),
          configurationSet: mail,
        })
      : undefined;
    /**
     * In the SES sandbox, SendEmail is authorized against the recipient's identity as well as
     * the sender's: a grant on the sender's identity alone fails the first sign-in. So: any
     * identity, but only From the stage's sender address, and through its configuration set.
     */
    const sendMail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }), this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: mail.configurationSetName })],
      conditions: { StringEquals: { 'ses:FromAddress': stage.senderAddress } },
    });
    const grantSendMail = (fn: OpwegFunction) => {
      fn.addToRolePolicy(sendMail);
      Validations.of(fn.role ?? fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:${stage.region}:${stage.account}:identity/*]`,
        reason: 'In the SES sandbox the recipient identity is authorized too; the condition limits it to the stage\'s From address.',
      });
    };
    // Sessions are opaque ids stored in the table; the secrets are the cursor key and the key of residents' pseudonymous report keys.
    const secrets = { CURSOR_SECRET: secretParameter(stage, 'cursor-secret'), RESIDENT_KEY_SECRET: secretParameter(stage, 'resident-key-secret') };
    const settings = {
      STAGE: stage.name,
      MAIL_FROM: stage.senderAddress,
      MAIL_CONFIGURATION_SET: mail.configurationSetName,
      RETENTION_DAYS_AFTER_CLOSE: String(stage.retentionDaysAfterClose),
      RETENTION_DAYS_WITH_CONSENT: String(stage.retentionDaysWithConsent),
      BACKUP_RETENTION_DAYS: String(Math.max(35, stage.backupRetentionDays)),
      ...(stage.auditRetentionDays ? { AUDIT_RETENTION_DAYS: String(stage.auditRetentionDays) } : {}),
      ...(stage.privacyController ? { PRIVACY_CONTROLLER: stage.privacyController } : {}),
      ...(stage.privacyContact ? { PRIVACY_CONTACT: stage.privacyContact } : {}),
    };

    // Portal: every dynamic page and form post, behind the HTTP API; the residents' form posts
    // from the static site go to a function of their own, small so that its cold start is short
    // (docs/scale.md, "Cold starts": memory sizes from scripts/bench-bundles.ts).
    const portal = new OpwegFunction(this, 'Portal', { handler: 'portal', description: 'OpWeg staff portal (employers, desks, admins)', environment: settings, memorySize: PORTAL_MEMORY_MB });
    const residents = new OpwegFunction(this, 'Residents', {
      handler: 'residents',
      description: 'OpWeg residents\' forms (interest, sign-up, cancel)',
      environment: settings,
      memorySize: RESIDENTS_MEMORY_MB,
    });
    for (const fn of [portal, residents]) {
      bindTable(fn, table, 'readWrite');
      bindSecrets(fn, secrets);
      // Sign-in links; a desk told that a seat came free.
      grantSendMail(fn);
    }
    // Machine translation pre-fills listing summaries for the desk to check (shared/adapters/translate-amazon.ts).
    // TranslateText has no resource-level permissions: '*' is the only resource it accepts.
    portal.addToRolePolicy(new PolicyStatement({ actions: ['translate:TranslateText'], resources: ['*'] }));
    Validations.of(portal.role ?? portal).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'translate:TranslateText has no resource-level permissions; only this one action is granted.' });
    // Sign-in links: the portal's form only queues the request (the same work for every address,
    // so its speed tells nothing); SignInMail looks the address up and mails a link to an account.
    // A request is worth nothing after a link's 15 minutes: the queue keeps it no longer. A request
    // that fails three times waits in FailedSignInMail (addresses only, kept 4 days) and alarms.
    const signInMailTimeout = Duration.seconds(30);
    const signInsFailed = new Queue(this, 'FailedSignInMail', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(4) });
    const signIns = new Queue(this, 'SignInRequests', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.minutes(15),
      visibilityTimeout: Duration.seconds(signInMailTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: signInsFailed, maxReceiveCount: 3 },
    });
    signIns.grantSendMessages(portal);
    portal.addEnvironment('SIGN_IN_QUEUE_URL', signIns.queueUrl);
    const signInMail = new OpwegFunction(this, 'SignInMail', {
      handler: 'signInMail',
      description: 'OpWeg sign-in mail: mails a sign-in link to an address that has an account',
      environment: settings,
      timeout: signInMailTimeout,
    });
    bindTable(signInMail, table, 'read');
    bindSecrets(signInMail, secrets);
    grantSendMail(signInMail);
    // A link's token and its address's one-live-link pointer (shared/repositories/sessions.ts), nothing else.
    signInMail.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*', 'LOGIN-LIVE#*'] } },
      }),
    );
    signInMail.addEventSource(new SqsEventSource(signIns, { batchSize: 10, maxBatchingWindow: Duration.seconds(0), reportBatchItemFailures: true }));

    const api = new PortalApi(this, 'PortalApi', {
      portal,
      residents,
      domain: stage.apiDomain && stage.apiCertificateArn ? { name: stage.apiDomain, certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', stage.apiCertificateArn) } : undefined,
    });

    // The origin secret: new at every deploy, kept in SSM (its history holds the previous one, which
    // the portal still accepts while CloudFront rolls the new one out to its edges).
    const originSecret = randomBytes(32).toString('base64url');
    const originSecretParameter = new StringParameter(this, 'OriginSecret', {
      parameterName: originSecretParameterName(stage),
      stringValue: originSecret,
      description: 'The x-opweg-origin header CloudFront adds to portal requests; rotated by every deploy.',
    });
    for (const fn of [portal, residents]) {
      fn.addEnvironment('ORIGIN_SECRET_NAME', originSecretParameter.parameterName);
      // A new value changes the function's configuration, so no instance keeps only the old one.
      fn.addEnvironment('ORIGIN_SECRET_STAMP', createHash('sha256').update(originSecret).digest('hex').slice(0, 12));
      fn.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParameterHistory'], resources: [originSecretParameter.parameterArn] }));
    }

    const site = new Site(this, 'Site', {
      globalName: (what) => globalName(stage, what),
      apiEndpoint: api.originEndpoint,
      originSecret,
      domainName: stage.publicDomain || undefined,
      certificate: stage.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', stage.certificateArn) : undefined,
    });
    const publicOrigin = `https://${stage.publicDomain || site.distribution.distributionDomainName}`;
    for (const fn of [portal, residents, signInMail]) fn.addEnvironment('PUBLIC_ORIGIN', publicOrigin);

    // Publisher: re-renders the pages a listing change touches, straight from the table's stream.
    const siteEnvironment = { ...settings, PUBLIC_ORIGIN: publicOrigin, SITE_BUCKET: site.bucket.bucketName };
    /** Table read, page writes and removals (nothing else). No CloudFront invalidation: pages expire in 60 s. */
    const bindSite = (fn: OpwegFunction) => {
      bindTable(fn, table, 'read');
      bindSecrets(fn, secrets);
      // grantPut/grantDelete would add Abort*, DeleteObject* etc. GetObject: HEAD, to skip a page whose bytes did not change.
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject', 's3:GetObject'], resources: [site.bucket.arnForObjects('*')] }));
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
    grantSendMail(sweep);
    new Rule(this, 'SweepSchedule', {
      description: 'Runs the OpWeg sweep every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(sweep, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    // Fan-out: a whole-site or region render goes to the render queue in chunks (web/site/fanout.ts),
    // rendered by at most renderConcurrency chunk functions at once; a chunk that fails three
    // times waits in FailedRenderChunks. Progress: the run's counter item and the metrics.
    const chunkTimeout = Duration.minutes(5);
    const chunksFailed = new Queue(this, 'FailedRenderChunks', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    const renderQueue = new Queue(this, 'RenderChunks', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.minutes(chunkTimeout.toMinutes() * 6),
      deadLetterQueue: { queue: chunksFailed, maxReceiveCount: 3 },
    });
    const renderChunk = new OpwegFunction(this, 'RenderChunk', {
      handler: 'renderChunk',
      description: 'OpWeg render chunk: renders one chunk of a whole-site render into the site bucket',
      environment: siteEnvironment,
      timeout: chunkTimeout,
      memorySize: 1769, // one full vCPU: rendering is CPU-bound
    });
    bindSite(renderChunk);
    renderChunk.addEventSource(new SqsEventSource(renderQueue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: stage.renderConcurrency }));
    /** The run counter items (RENDER#<runId>) only: the site's functions otherwise only read the table. */
    const countRuns = (fn: OpwegFunction, actions: string[]) =>
      fn.addToRolePolicy(new PolicyStatement({ actions, resources: [table.tableArn], conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RENDER#*'] } } }));
    countRuns(renderChunk, ['dynamodb:UpdateItem']);
    for (const fn of [publish, repair]) {
      countRuns(fn, ['dynamodb:PutItem']);
      renderQueue.grantSendMessages(fn);
      fn.addEnvironment('RENDER_QUEUE_URL', renderQueue.queueUrl);
    }

    new Alarms(this, 'Alarms', {
      stage: stage.name,
      functions: { Portal: portal, Residents: residents, Publish: publish, Repair: repair, RenderChunk: renderChunk, Sweep: sweep, SignInMail: signInMail },
      streamReader: publish,
      // A dead letter still there after one visibility timeout: the repair failed once, or is not running.
      deadLetters: { queue: deadLetters, maxAge: Duration.minutes(repairTimeout.toMinutes() * 6) },
      parked: { DeadLettersParked: parked, FailedRenderChunks: chunksFailed, FailedSignInMail: signInsFailed },
      api,
      monthlyBudgetUsd: stage.monthlyBudgetUsd,
      email: stage.alarmEmail,
    });

    // Daily backups of the table, kept backupRetentionDays (besides point-in-time recovery's 35 days).
    const vault = new BackupVault(this, 'Backups', { backupVaultName: globalName(stage, 'backups'), removalPolicy: RemovalPolicy.RETAIN });
    const backups = new BackupPlan(this, 'BackupPlan', {
      backupPlanName: globalName(stage, 'daily'),
      backupVault: vault,
      backupPlanRules: [new BackupPlanRule({ ruleName: 'Daily', scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }), deleteAfter: Duration.days(stage.backupRetentionDays) })],
    });
    const selection = backups.addSelection('Table', { resources: [BackupResource.fromArn(table.tableArn)] });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: 'AWS Backup\'s own role for taking backups; AWS keeps it to what Backup needs.',
    });

    // The Ethiopic font ships with the stack (the function bundles do not carry it); old assets stay.
    new BucketDeployment(this, 'Fonts', {
      sources: [Source.asset('web/ui/fonts', { exclude: ['*.txt'] })],
      destinationBucket: site.bucket,
      destinationKeyPrefix: 'assets/fonts/',
      prune: false,
      contentType: 'font/woff2',
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    // The deployment's handler is CDK's own singleton function, a sibling of the construct.
    const deployer = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    Validations.of(deployer).acknowledge(
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'CDK\'s BucketDeployment handler: logging only.' },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason: 'CDK\'s BucketDeployment grants: copies the font from the asset bucket into the site bucket.' })),
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stage.account}-${stage.region}/*]`, reason: 'The CDK asset bucket the font is uploaded to.' },
      { id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(site.bucket.node.defaultChild as CfnElement)}.Arn>/*]`, reason: 'Writes under assets/fonts/ of the site bucket.' },
      { id: 'AwsSolutions-L1', reason: 'CDK picks the runtime of its BucketDeployment handler.' },
    );

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'PublicOrigin', { value: publicOrigin });
    new CfnOutput(this, 'DistributionDomainName', { value: site.distribution.distributionDomainName, description: 'Point publicDomain (CNAME/alias) here' });
    new CfnOutput(this, 'SiteBucket', { value: site.bucket.bucketName });
    new CfnOutput(this, 'ApiEndpoint', { value: api.originEndpoint });
    new CfnOutput(this, 'RenderQueueUrl', { value: renderQueue.queueUrl, description: 'npm run rebuild-site -- --fan-out (RENDER_QUEUE_URL)' });
    new CfnOutput(this, 'MailFeedbackTopic', { value: mailFeedback.topicArn, description: 'Bounces and complaints (SES), subscribed by alarmEmail' });
    if (sender && stage.senderDomain) {
      sender.dkimRecords.forEach((r, i) => new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${r.name} CNAME ${r.value}`, description: `Publish in ${stage.senderDomain}'s DNS (Easy DKIM)` }));
    }
  }
}
