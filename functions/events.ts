import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import type { StreamBatchFailure } from '../web/site/repair.js';
import type { StreamRange } from '../web/site/stream.js';

/**
 * An HTTP API (payload 2.0) event as API Gateway sends it when CloudFront forwards a request,
 * for the bundle tests and scripts/bench-bundles.ts. Not used by the handlers themselves.
 */
export function httpApiEvent(method: string, path: string, o: { query?: string; headers?: Record<string, string>; body?: string } = {}): APIGatewayProxyEventV2 {
  const domainName = 'abc123defg.execute-api.eu-west-1.amazonaws.com';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: o.query ?? '',
    headers: {
      accept: 'text/html,application/json',
      'accept-language': 'nl-NL,nl;q=0.9',
      host: domainName,
      'user-agent': 'Amazon CloudFront',
      via: '2.0 0123456789abcdef.cloudfront.net (CloudFront)',
      'x-amz-cf-id': 'bench-0123456789',
      'x-forwarded-for': '203.0.113.7, 130.176.0.1',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...o.headers,
    },
    queryStringParameters: o.query ? Object.fromEntries(new URLSearchParams(o.query)) : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName,
      domainPrefix: 'abc123defg',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '130.176.0.1', userAgent: 'Amazon CloudFront' },
      requestId: `req-${now.getTime()}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: o.body,
    isBase64Encoded: false,
  };
}

/** The event an EventBridge schedule rule sends. */
export function scheduledEvent(time: Date): ScheduledEvent {
  return {
    version: '0',
    id: `event-${time.getTime()}`,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/OpWeg-dev-SweepSchedule'],
    detail: {},
  };
}

/**
 * The record Lambda sends to a DynamoDB stream event source mapping's on-failure destination
 * when it gives up on a batch (the body of a message in the publisher's dead-letter queue).
 * The batch itself is not in it, only where it lies in the stream.
 */
export function streamBatchFailure(
  range: StreamRange,
  o: { batchSize: number; firstArrival: Date; lastArrival: Date; functionName?: string; at?: Date },
): StreamBatchFailure {
  const seconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${o.functionName ?? 'OpWeg-dev-Publish'}`,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 4,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: (o.at ?? new Date()).toISOString(),
    DDBStreamBatchInfo: {
      shardId: range.shardId,
      startSequenceNumber: range.startSequenceNumber,
      endSequenceNumber: range.endSequenceNumber,
      approximateArrivalOfFirstRecord: seconds(o.firstArrival),
      approximateArrivalOfLastRecord: seconds(o.lastArrival),
      batchSize: o.batchSize,
      streamArn: range.streamArn,
    },
  };
}

/** Messages as an SQS event source mapping delivers them (standard queue), one per body. */
export function sqsEvent(bodies: string[], queueName = 'OpWeg-dev-PublishDeadLetters'): SQSEvent {
  const now = Date.now();
  return {
    Records: bodies.map((body, i) => ({
      messageId: randomUUID(),
      receiptHandle: `AQEB${createHash('sha256').update(`${now}-${i}`).digest('base64')}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(now - 1_000),
        SenderId: 'AROAEXAMPLEROLEID:awslambda_123_20261123000000000',
        ApproximateFirstReceiveTimestamp: String(now),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:eu-west-1:123456789012:${queueName}`,
      awsRegion: 'eu-west-1',
    })),
  };
}

/** The Lambda context fields Powertools and Hono read. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: `local-${Date.now()}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
