import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../shared/db/keys.js';
import { createTableInput, SITE_SOURCES, TABLE } from '../shared/db/table.js';
import { ContentLanguage } from '../shared/domain/common.js';
import { ORIGIN_SECRET_HEADER } from '../shared/config/origin.js';
import { CONTENT_SECURITY_POLICY, INDEX_REWRITE } from './constructs/site.js';
import { SITE_CSS_HASH } from '../web/ui/assets.js';
import { RESIDENT_ROUTES } from '../web/site/interest-form.js';
import { OpwegStack } from './stack.js';
import { readStage } from './stage.js';

const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8'));

/** The stack as `npm run synth` builds it: context from cdk.json, cdk-nag registered. */
function synth(o: { stage?: Record<string, unknown>; bundle: boolean }) {
  const context = { ...cdkJson.context, ...(o.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) };
  if (o.stage) context.stages = { ...context.stages, [context.stage]: { ...context.stages[context.stage], ...o.stage } };
  const app = new App({ context });
  const stack = new OpwegStack(app, 'Test', { stage: readStage(app) });
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  return { stack, template: Template.fromStack(stack), nag: nag.validateScope(app) };
}

// Bundling the handlers with esbuild is the slow part: do it once for the whole file.
let template: Template;
let nagReport: ReturnType<AwsSolutionsChecks['validateScope']>;
beforeAll(() => {
  ({ template, nag: nagReport } = synth({ bundle: true }));
  // Five bundles with esbuild, on a loaded 2-core machine: correctness, not speed.
}, 240_000);

/** OpWeg's own functions (not CDK's BucketDeployment handler). */
const functions = (t = template) => Object.fromEntries(Object.entries(t.findResources('AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment')));
/** The statements of the policy attached to a role (`PublishRole…`), as JSON. */
const actions = (role: string) => {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(role));
  expect(policies).toHaveLength(1);
  return JSON.stringify(policies[0]![1].Properties.PolicyDocument.Statement);
};
const logicalIdOf = (prefix: string, type: string) => {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

describe('the table', () => {
  it('is the one table, with stream, TTL, point-in-time recovery and deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: TABLE.stream },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
    });
  });

  it('has the same keys and indexes as the table DynamoDB Local and the tests create', () => {
    const local = createTableInput('any');
    const [table] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
    const props = table!.Properties;
    expect(props.KeySchema).toEqual(local.KeySchema);
    expect(new Set(props.AttributeDefinitions)).toEqual(new Set(local.AttributeDefinitions));
    expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
  });
});

describe('the site', () => {
  it('keeps both buckets private, encrypted and TLS-only', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('serves pages from the bucket through origin access control and /portal/* from the HTTP API', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const pages = logicalIdOf('SitePages', 'AWS::S3::Bucket');
    const api = logicalIdOf('PortalApi', 'AWS::ApiGatewayV2::Api');
    const [cdn] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = cdn!.Properties.DistributionConfig;
    const s3Origin = config.Origins.find((o: { DomainName: unknown }) => JSON.stringify(o.DomainName).includes(pages));
    const apiOrigin = config.Origins.find((o: { DomainName: unknown }) => JSON.stringify(o.DomainName).includes(api));
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(apiOrigin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });

    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: s3Origin.Id, ViewerProtocolPolicy: 'redirect-to-https' });
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(config.CacheBehaviors[0]).toMatchObject({
      PathPattern: '/portal/*',
      TargetOriginId: apiOrigin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'POST']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // managed CachingDisabled
    });
    expect(config.Logging.Bucket).toEqual({ 'Fn::GetAtt': [logicalIdOf('SiteLogs', 'AWS::S3::Bucket'), 'RegionalDomainName'] });
    const headers = { Ref: logicalIdOf('SiteHeaders', 'AWS::CloudFront::ResponseHeadersPolicy') };
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(headers);
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual(headers);
  });

  it('sends HSTS, a CSP that forbids framing, a referrer policy and nosniff', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: Match.anyValue(), IncludeSubdomains: true, Override: true }),
          ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'same-origin', Override: true },
          ContentTypeOptions: { Override: true },
        },
      },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'self'");
  });

  it('requires TLS 1.2 from viewers once the stage has its own domain and certificate', () => {
    const { template: custom, nag } = synth({
      bundle: false,
      stage: { publicDomain: 'opweg.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    });
    custom.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['opweg.example.org'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
    expect(nag.success).toBe(true);
  });

  it('maps page paths to the index.html keys the publisher writes', () => {
    const rewrite = (uri: string) => runInNewContext(`${INDEX_REWRITE}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`);
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/nl/regio/utrecht/')).toBe('/nl/regio/utrecht/index.html');
    expect(rewrite('/nl/regio/utrecht')).toBe('/nl/regio/utrecht/index.html');
    expect(rewrite('/assets/style.css')).toBe('/assets/style.css');
    const portal = runInNewContext(`${INDEX_REWRITE}; handler({ request: { uri: '/portal' } })`) as { statusCode: number; headers: { location: { value: string } } };
    expect(portal.statusCode).toBe(301);
    expect(portal.headers.location.value).toBe('/portal/');
  });

  it('compresses at the edge and answers an unknown address with the site\'s 404 page (S3 says 404: CloudFront may list the bucket)', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ Compress: true }),
        CustomErrorResponses: [{ ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 }],
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: ['s3:GetObject', 's3:ListBucket'], Principal: { Service: 'cloudfront.amazonaws.com' } })]),
      }),
    });
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' ${SITE_CSS_HASH}`);
    expect(CONTENT_SECURITY_POLICY).toContain("font-src 'self' data:");
  });
});

describe('the portal API', () => {
  const integrationOf = (fn: string) => {
    const [id] = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).find(([, i]) => JSON.stringify(i.Properties.IntegrationUri).includes(logicalIdOf(fn, 'AWS::Lambda::Function')))!;
    return { 'Fn::Join': ['', ['integrations/', { Ref: id }]] };
  };
  const routes = () => Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => ({ key: r.Properties.RouteKey as string, target: r.Properties.Target as unknown }));

  it('sends the residents\' form posts to the residents\' function and everything else to the staff portal (payload 2.0), throttled and access-logged', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    for (const fn of ['Portal', 'Residents']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [logicalIdOf(fn, 'AWS::Lambda::Function'), 'Arn'] },
      });
    }
    // Exactly what the static site's forms reach; the rest of /portal/* (CloudFront's one origin) is the staff portal's.
    expect(routes().sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: '$default', target: integrationOf('Portal') },
      { key: 'GET /portal/cancel', target: integrationOf('Residents') },
      { key: 'POST /portal/cancel', target: integrationOf('Residents') },
      { key: 'POST /portal/interest', target: integrationOf('Residents') },
    ]);
    expect(RESIDENT_ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /portal/cancel', 'POST /portal/cancel', 'POST /portal/interest']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
    });
  });

  it('gives the residents\' function the table, its secrets and mail, but not the portal\'s machine translation', () => {
    const residents = functions()[logicalIdOf('Residents', 'AWS::Lambda::Function')]!;
    expect(residents.Properties.Environment.Variables).toMatchObject({ PUBLIC_ORIGIN: expect.anything(), RESIDENT_KEY_SECRET_PARAMETER: expect.any(String), MAIL_FROM: 'noreply@example.org' });
    expect(actions('ResidentsRole')).toContain('dynamodb:PutItem');
    expect(actions('ResidentsRole')).toContain('ses:SendEmail');
    expect(actions('ResidentsRole')).not.toContain('translate:');
    // A full vCPU for the cold starts a person waits for (infra/stack.ts, from the bench).
    for (const name of ['Portal', 'Residents']) expect(functions()[logicalIdOf(name, 'AWS::Lambda::Function')]!.Properties.MemorySize).toBe(1769);
  });
});

describe('only CloudFront reaches the portal', () => {
  const portalOrigin = (t: Template) => {
    const [distribution] = Object.values(t.findResources('AWS::CloudFront::Distribution'));
    const origins = distribution!.Properties.DistributionConfig.Origins as { Id: string; DomainName: unknown; CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[] }[];
    return origins.find((o) => o.CustomOriginConfig)!;
  };

  it('adds the origin secret to every portal request, keeps it in SSM, and lets both portal functions read its history', () => {
    const origin = portalOrigin(template);
    const header = origin.OriginCustomHeaders?.find((h) => h.HeaderName === ORIGIN_SECRET_HEADER);
    expect(header?.HeaderValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/opweg/dev/origin-secret', Type: 'String', Value: header!.HeaderValue });
    for (const name of ['Portal', 'Residents']) {
      const fn = functions()[logicalIdOf(name, 'AWS::Lambda::Function')]!;
      expect(fn.Properties.Environment.Variables).toMatchObject({ ORIGIN_SECRET_NAME: expect.anything(), ORIGIN_SECRET_STAMP: expect.stringMatching(/^[0-9a-f]{12}$/) });
      expect(actions(`${name}Role`)).toContain('ssm:GetParameterHistory');
    }
  });

  it('a new deploy is a new secret', () => {
    const { template: again } = synth({ bundle: false });
    expect(portalOrigin(again).OriginCustomHeaders![0]!.HeaderValue).not.toBe(portalOrigin(template).OriginCustomHeaders![0]!.HeaderValue);
  });

  it('switches the public execute-api endpoint off once the API has its own domain name', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    const { template: custom, nag } = synth({ bundle: false, stage: { apiDomain: 'api.opweg.example.org', apiCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/api' } });
    custom.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    custom.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.opweg.example.org' });
    custom.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { DomainName: Match.anyValue() });
    expect(portalOrigin(custom).DomainName).toBe('api.opweg.example.org');
    expect(nag.success).toBe(true);
    expect(() => synth({ bundle: false, stage: { apiDomain: 'api.opweg.example.org' } })).toThrow(/apiCertificateArn/);
  });
});

describe('the functions', () => {
  it('are seven, arm64 on nodejs24.x, each with TABLE_NAME and its own log group; source maps only where no person waits for a cold start', () => {
    const table = logicalIdOf('Table', 'AWS::DynamoDB::GlobalTable');
    expect(Object.keys(functions()).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['Portal', 'Publish', 'RenderChunk', 'Repair', 'Residents', 'SignInMail', 'Sweep']);
    for (const [id, fn] of Object.entries(functions())) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
      expect(fn.Properties.Environment.Variables).toMatchObject({ TABLE_NAME: { Ref: table } });
      const http = id.startsWith('Portal') || id.startsWith('Residents');
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe(http ? undefined : '--enable-source-maps');
      expect(fn.Properties.Environment.Variables.CURSOR_SECRET_PARAMETER).toBe('/opweg/dev/cursor-secret');
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('get secrets by SSM parameter name only, never a value', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toContain('local-development-cursor-secret');
    expect(text).not.toMatch(/"(CURSOR|COOKIE)_SECRET"/);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ssm:GetParameters' })]) },
    });
  });

  it('may not scan the table, and nothing invalidates CloudFront (pages expire within a minute)', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    for (const [, p] of policies) expect(JSON.stringify(p)).not.toMatch(/dynamodb:(Scan|\*)/);
    for (const [, p] of policies) expect(JSON.stringify(p)).not.toContain('cloudfront:CreateInvalidation');
    for (const role of ['PublishRole', 'RepairRole']) {
      expect(actions(role)).toContain('s3:PutObject');
      // The table only through the run counter (RENDER#<runId>), never a listing or a person.
      const writes = (JSON.parse(actions(role)) as { Action: string | string[]; Condition?: unknown }[]).filter((st) => [st.Action].flat().some((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)));
      expect(writes).toEqual([expect.objectContaining({ Action: 'dynamodb:PutItem', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RENDER#*'] } } })]);
    }
    expect(actions('PortalRole')).not.toContain('cloudfront:');
    expect(actions('SweepRole')).not.toContain('cloudfront:');
    expect(actions('PortalRole')).toContain('ses:SendEmail');
  });
});

describe('the publisher', () => {
  it('reads listing changes from the stream with partial failures, bisecting, retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf('Table', 'AWS::DynamoDB::GlobalTable'), 'StreamArn'] },
      FunctionName: { Ref: logicalIdOf('Publish', 'AWS::Lambda::Function') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf('PublishDeadLetters', 'AWS::SQS::Queue'), 'Arn'] } } },
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ dynamodb: { Keys: { [TABLE.sortKey]: { S: SITE_SOURCES.sortKeys } } } }) },
          { Pattern: JSON.stringify({ dynamodb: { Keys: { [TABLE.partitionKey]: { S: SITE_SOURCES.partitionKeys } } } }) },
        ],
      },
    });
  });

  it("filters on the keys the site's items really have", () => {
    expect(SITE_SOURCES.sortKeys).toEqual([keys.listing('01ANY').sk, keys.visitSeats('01ANY').sk, keys.organisation('01ANY').sk, ...ContentLanguage.options.map((l) => keys.summary('01ANY', l).sk)]);
    expect(SITE_SOURCES.partitionKeys).toEqual([keys.directory()]);
  });
});

describe('the repair', () => {
  it('reads the dead-letter queue a few messages at a time, reporting the ones it could not repair', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf('PublishDeadLetters', 'AWS::SQS::Queue'), 'Arn'] },
      FunctionName: { Ref: logicalIdOf('Repair', 'AWS::Lambda::Function') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('parks a dead letter after five failed repairs, in a queue kept 14 days, encrypted and TLS-only like the first', () => {
    const [deadLetters, parked] = [logicalIdOf('PublishDeadLetters', 'AWS::SQS::Queue'), logicalIdOf('PublishParked', 'AWS::SQS::Queue')];
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(6);
    expect(queues[deadLetters]!.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [parked, 'Arn'] }, maxReceiveCount: 5 });
    expect(queues[parked]!.Properties.RedrivePolicy).toBeUndefined();
    const repair = Object.values(functions()).find((f) => f.Properties.Description.startsWith('OpWeg repair'))!;
    // Lambda refuses an SQS source whose visibility timeout is shorter than the function's timeout; AWS advises 6×.
    expect(queues[deadLetters]!.Properties.VisibilityTimeout).toBe(repair.Properties.Timeout * 6);
    for (const id of [deadLetters, parked]) {
      expect(queues[id]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('may read the table and its stream by position, list, check and write pages, start a render run and queue its chunks, and nothing more', () => {
    const table = logicalIdOf('Table', 'AWS::DynamoDB::GlobalTable');
    const policy = JSON.parse(actions('RepairRole')) as { Action: string | string[]; Resource: unknown }[];
    const stream = policy.find((st) => [st.Action].flat().includes('dynamodb:GetRecords'))!;
    expect([stream.Action].flat().sort()).toEqual(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
    expect(stream.Resource).toEqual({ 'Fn::GetAtt': [table, 'StreamArn'] });
    expect(policy.find((st) => st.Action === 's3:ListBucket')!.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf('SitePages', 'AWS::S3::Bucket'), 'Arn'] });
    expect(actions('RepairRole')).toContain('sqs:DeleteMessage');
    for (const never of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'ses:']) expect(actions('RepairRole')).not.toContain(never);
    const put = policy.find((st) => [st.Action].flat().includes('dynamodb:PutItem'))!;
    expect(put).toMatchObject({ Action: 'dynamodb:PutItem', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RENDER#*'] } } });
    const send = policy.find((st) => [st.Action].flat().includes('sqs:SendMessage'))!;
    expect(send.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf('RenderChunks', 'AWS::SQS::Queue'), 'Arn'] });
  });

  it('has the site settings the publisher has', () => {
    const env = (name: string) => Object.entries(functions()).find(([id]) => id.startsWith(name))![1].Properties.Environment.Variables;
    const { POWERTOOLS_SERVICE_NAME: _p, ...publish } = env('Publish');
    const { POWERTOOLS_SERVICE_NAME: _r, ...repair } = env('Repair');
    expect(repair).toEqual(publish);
    expect(Object.keys(repair)).toEqual(expect.arrayContaining(['SITE_BUCKET', 'PUBLIC_ORIGIN']));
  });
});

describe('the fan-out render', () => {
  it('queues chunks for a chunk function with bounded concurrency, partial failures, and a dead-letter queue after three tries', () => {
    const [chunks, failed] = [logicalIdOf('RenderChunks', 'AWS::SQS::Queue'), logicalIdOf('FailedRenderChunks', 'AWS::SQS::Queue')];
    const queues = template.findResources('AWS::SQS::Queue');
    expect(queues[chunks]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [failed, 'Arn'] }, maxReceiveCount: 3 } });
    const fn = functions()[logicalIdOf('RenderChunk', 'AWS::Lambda::Function')]!;
    expect(queues[chunks]!.Properties.VisibilityTimeout).toBe(fn.Properties.Timeout * 6);
    expect(fn.Properties.MemorySize).toBe(1769);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [chunks, 'Arn'] },
      FunctionName: { Ref: logicalIdOf('RenderChunk', 'AWS::Lambda::Function') },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failed, 'QueueName'] } }],
    });
  });

  it('lets the chunk function read the table, count its run on RENDER# items only, and check and write pages', () => {
    const policy = JSON.parse(actions('RenderChunkRole')) as { Action: string | string[]; Condition?: unknown }[];
    const update = policy.find((st) => [st.Action].flat().includes('dynamodb:UpdateItem'))!;
    expect(update).toMatchObject({ Action: 'dynamodb:UpdateItem', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RENDER#*'] } } });
    expect(actions('RenderChunkRole')).toContain('s3:PutObject');
    for (const never of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'sqs:SendMessage', 'ses:']) expect(actions('RenderChunkRole')).not.toContain(never);
    // The publisher and the repair know where the queue is; the chunk function does not fan out again.
    const env = (name: string) => functions()[logicalIdOf(name, 'AWS::Lambda::Function')]!.Properties.Environment.Variables;
    expect(env('Publish').RENDER_QUEUE_URL).toEqual({ Ref: logicalIdOf('RenderChunks', 'AWS::SQS::Queue') });
    expect(env('RenderChunk').RENDER_QUEUE_URL).toBeUndefined();
  });
});

describe('sign-in mail', () => {
  it('queues sign-in requests from the portal for a mail function, kept no longer than a link lives, failures parked after three tries', () => {
    const [requests, failed] = [logicalIdOf('SignInRequests', 'AWS::SQS::Queue'), logicalIdOf('FailedSignInMail', 'AWS::SQS::Queue')];
    const queues = template.findResources('AWS::SQS::Queue');
    expect(queues[requests]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 15 * 60, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [failed, 'Arn'] }, maxReceiveCount: 3 } });
    expect(queues[failed]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 4 * 24 * 3600 });
    const fn = functions()[logicalIdOf('SignInMail', 'AWS::Lambda::Function')]!;
    expect(queues[requests]!.Properties.VisibilityTimeout).toBe(fn.Properties.Timeout * 6);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [requests, 'Arn'] },
      FunctionName: { Ref: logicalIdOf('SignInMail', 'AWS::Lambda::Function') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failed, 'QueueName'] } }],
    });
    const env = (name: string) => functions()[logicalIdOf(name, 'AWS::Lambda::Function')]!.Properties.Environment.Variables;
    expect(env('Portal').SIGN_IN_QUEUE_URL).toEqual({ Ref: requests });
    expect(env('SignInMail')).toMatchObject({ PUBLIC_ORIGIN: expect.anything(), MAIL_FROM: expect.any(String) });
  });

  it('lets the portal send to the queue, and the mail function read the table, write sign-in tokens only, and send mail', () => {
    const portal = JSON.parse(actions('PortalRole')) as { Action: string | string[]; Resource: unknown }[];
    const send = portal.find((st) => [st.Action].flat().includes('sqs:SendMessage'))!;
    expect(send.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf('SignInRequests', 'AWS::SQS::Queue'), 'Arn'] });
    const policy = JSON.parse(actions('SignInMailRole')) as { Action: string | string[]; Condition?: unknown }[];
    const write = policy.find((st) => [st.Action].flat().includes('dynamodb:PutItem'))!;
    expect(write).toMatchObject({ Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*', 'LOGIN-LIVE#*'] } } });
    expect(actions('SignInMailRole')).toContain('ses:SendEmail');
    expect(actions('SignInMailRole')).toContain('dynamodb:Query');
    for (const never of ['dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 's3:', 'sqs:SendMessage']) expect(actions('SignInMailRole')).not.toContain(never);
  });
});

describe('the sweep', () => {
  it('runs every hour', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf('Sweep', 'AWS::Lambda::Function'), 'Arn'] } })],
    });
  });
});

describe('operations', () => {
  it('alarms on each function\'s errors, a dead letter not repaired within the hour, and any parked one', () => {
    for (const name of ['Portal', 'Residents', 'Publish', 'Repair', 'RenderChunk', 'Sweep', 'SignInMail']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(name, 'AWS::Lambda::Function') } }],
        AlarmActions: [{ Ref: logicalIdOf('AlarmsTopic', 'AWS::SNS::Topic') }],
      });
    }
    const topic = [{ Ref: logicalIdOf('AlarmsTopic', 'AWS::SNS::Topic') }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Statistic: 'Maximum',
      Threshold: 3600,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf('PublishDeadLetters', 'AWS::SQS::Queue'), 'QueueName'] } }],
      AlarmActions: topic,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf('PublishParked', 'AWS::SQS::Queue'), 'QueueName'] } }],
      AlarmActions: topic,
    });
  });

  it('alarms on throttles of every function, the stream reader falling behind, and the API\'s 5xx and 429 rates', () => {
    const topic = [{ Ref: logicalIdOf('AlarmsTopic', 'AWS::SNS::Topic') }];
    for (const name of ['Portal', 'Residents', 'Publish', 'Repair', 'RenderChunk', 'Sweep', 'SignInMail']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Throttles',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(name, 'AWS::Lambda::Function') } }],
        AlarmActions: topic,
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: 5 * 60 * 1000,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf('Publish', 'AWS::Lambda::Function') } }],
      AlarmActions: topic,
    });
    const expressions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).flatMap((a) => (a.Properties.Metrics ?? []).map((m: { Expression?: string; MetricStat?: { Metric: { MetricName: string } } }) => m.Expression ?? m.MetricStat?.Metric.MetricName));
    expect(expressions).toEqual(expect.arrayContaining(['5xx', 'Count', 'ApiTooManyRequests', 'IF(requests >= 20, 100 * errors / requests, 0)']));
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'ApiTooManyRequests', MetricNamespace: 'OpWeg/dev' })],
    });
  });

  it('has a monthly cost budget that tells the alarm topic at 80 % spent and 100 % forecast', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 10, Unit: 'USD' } }),
      NotificationsWithSubscribers: [
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }), Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: logicalIdOf('AlarmsTopic', 'AWS::SNS::Topic') } }] }),
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }) }),
      ],
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: 'sns:Publish',
            // Only this account's budgets (the confused-deputy guard AWS Budgets documents).
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('backs the table up daily, kept as long as the stage says', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({ BackupPlanRule: [Match.objectLike({ ScheduleExpression: 'cron(0 3 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } })] }),
    });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [logicalIdOf('Table', 'AWS::DynamoDB::GlobalTable'), 'Arn'] }] }),
    });
  });

  it('deploys the Ethiopic font with the stack, next to the pages, leaving everything else in the bucket', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalIdOf('SitePages', 'AWS::S3::Bucket') },
      DestinationBucketKeyPrefix: 'assets/fonts/',
      Prune: false,
    });
  });

  it('is pinned to the stage\'s account and region, and names what CloudFront keeps account-wide per stage and region', () => {
    const { stack, template: prod } = synth({ bundle: false, stage: { account: '210987654321', region: 'eu-central-1' } });
    expect([stack.account, stack.region]).toEqual(['210987654321', 'eu-central-1']);
    prod.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', { ResponseHeadersPolicyConfig: Match.objectLike({ Name: 'OpWeg-dev-eu-central-1-headers' }) });
    prod.hasResourceProperties('AWS::CloudFront::Function', { Name: 'OpWeg-dev-eu-central-1-index-rewrite' });
    prod.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ Name: 'OpWeg-dev-eu-central-1-site-bucket' }) });
    expect(() => synth({ bundle: false, stage: { account: 'none' } })).toThrow(/12-digit/);
  });

  it('verifies the sender address in SES, and sends through a configuration set that suppresses and reports bounces and complaints', () => {
    const set = logicalIdOf('Mail', 'AWS::SES::ConfigurationSet');
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: cdkJson.context.stages.dev.senderAddress, ConfigurationSetAttributes: { ConfigurationSetName: { Ref: set } } });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'opweg-dev', SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: logicalIdOf('MailFeedback', 'AWS::SNS::Topic') } } }),
    });
    for (const name of ['Portal', 'Residents', 'Sweep']) {
      expect(functions()[logicalIdOf(name, 'AWS::Lambda::Function')]!.Properties.Environment.Variables.MAIL_CONFIGURATION_SET).toEqual({ Ref: set });
    }
  });

  it('may send mail in the SES sandbox (the recipient\'s identity is checked too), but only from the stage\'s sender', () => {
    const send = (JSON.parse(actions('PortalRole')) as { Action: string; Resource: unknown; Condition?: unknown }[]).find((st) => st.Action === 'ses:SendEmail')!;
    expect(JSON.stringify(send.Resource)).toContain(':identity/*');
    expect(JSON.stringify(send.Resource)).toContain(':configuration-set/');
    expect(send.Condition).toEqual({ StringEquals: { 'ses:FromAddress': cdkJson.context.stages.dev.senderAddress } });
  });

  it('verifies a whole domain with Easy DKIM when the stage names one, and leaves the identity to another stage when told', () => {
    const { template: domain, nag } = synth({ bundle: false, stage: { senderDomain: 'opweg.example.org', senderAddress: 'noreply@opweg.example.org' } });
    domain.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'opweg.example.org' });
    expect(Object.keys(domain.findOutputs('*')).filter((o) => o.startsWith('DkimRecord'))).toHaveLength(3);
    expect(nag.success).toBe(true);
    const { template: second } = synth({ bundle: false, stage: { createSenderIdentity: false } });
    second.resourceCountIs('AWS::SES::EmailIdentity', 0);
    second.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });

  it('switches to a restored table by context: the functions and the stream reader use it, and the stack\'s own table is kept', () => {
    const streamArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/opweg-restored/stream/2026-11-26T10:00:00.000';
    const { template: restored, nag } = synth({ bundle: false, stage: { table: { name: 'opweg-restored', streamArn } } });
    restored.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    for (const fn of Object.values(functions(restored))) expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe('opweg-restored');
    restored.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: streamArn });
    expect(nag.violations).toEqual([]);
    // The table the stack created is retained when it leaves the template (CloudFormation does not delete it).
    const [own] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
    expect(own!.DeletionPolicy).toBe('Retain');
  });

  it('passes cdk-nag (AWS Solutions), every exception acknowledged with a reason', () => {
    expect(nagReport.violations).toEqual([]);
    expect(nagReport.success).toBe(true);
  });
});
