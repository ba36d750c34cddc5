import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Alarm, ComparisonOperator, MathExpression, Metric, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** The stage's name: metric namespace and budget name. */
  stage: string;
  functions: Record<string, IFunction>;
  /** The function reading the table's stream: how far behind it is. */
  streamReader: IFunction;
  /** The publisher's dead-letter queue, read by the repair, and how old a message in it may get. */
  deadLetters: { queue: IQueue; maxAge: Duration };
  /** Where dead letters the repair gave up on, render chunks and sign-in mail that failed for good, wait for a person. */
  parked: Record<string, IQueue>;
  /** The portal's HTTP API and its access log (for the 429 count). */
  api: { api: HttpApi; accessLogs: ILogGroup };
  monthlyBudgetUsd: number;
  email?: string;
}

/** The stream reader is this far behind: residents see changes this late. */
export const ITERATOR_AGE_MAX = Duration.minutes(5);
/** Percent of portal requests (over 5 minutes, at least MIN_REQUESTS) answered 5xx / 429. */
export const API_5XX_PERCENT = 5;
export const API_429_PERCENT = 10;
const MIN_REQUESTS = 20;

/**
 * Alarms that mean "residents may see stale or missing pages, someone could not sign in, or
 * money is going": any function error or throttle, the stream reader falling behind, a stream
 * batch the repair has not managed to publish again within the hour, anything parked, the API
 * answering 5xx or 429 to many requests, and the monthly budget. What to do: docs/deploy.md, "Alarms".
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'OpWeg alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const period = Duration.minutes(5);

    const alarm = (name: string, metric: IMetric, description: string, threshold = 1) =>
      new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.topic));

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period }), `The ${name} function failed at least once in 5 minutes.`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period, statistic: Stats.SUM }), `The ${name} function was throttled (account concurrency or its own limit) in the last 5 minutes.`);
    }
    alarm(
      'StreamBehind',
      props.streamReader.metric('IteratorAge', { period, statistic: Stats.MAXIMUM }),
      `The publisher reads the table's stream more than ${ITERATOR_AGE_MAX.toHumanString()} behind: residents see changes late, and past 24 hours they are lost from the stream. See docs/deploy.md, "Alarms".`,
      ITERATOR_AGE_MAX.toMilliseconds(),
    );
    // Not the number of messages: the repair receives each one within seconds, so that number
    // stays near 0 even while every repair fails. The age grows until a repair succeeds.
    alarm(
      'DeadLettersNotRepaired',
      props.deadLetters.queue.metricApproximateAgeOfOldestMessage({ period, statistic: Stats.MAXIMUM }),
      `A stream batch the publisher gave up on is still not repaired after ${props.deadLetters.maxAge.toHumanString()}: pages may be stale. See docs/deploy.md, "Alarms".`,
      props.deadLetters.maxAge.toSeconds(),
    );
    for (const [name, queue] of Object.entries(props.parked)) {
      alarm(
        name,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: Stats.MAXIMUM }),
        `Work a function gave up on waits in ${name} (stale pages, or sign-in links not mailed) until someone acts. See docs/deploy.md, "Alarms".`,
      );
    }

    // API: the share of requests answered 5xx, and 429 (the stage's throttle or the portal's own rate limit).
    const requests = props.api.api.metricCount({ period, statistic: Stats.SUM });
    const rate = (errors: IMetric, label: string) =>
      new MathExpression({ expression: `IF(requests >= ${MIN_REQUESTS}, 100 * errors / requests, 0)`, usingMetrics: { requests, errors }, period, label });
    alarm('Api5xxRate', rate(props.api.api.metricServerError({ period, statistic: Stats.SUM }), 'percent 5xx'), `More than ${API_5XX_PERCENT} % of portal requests answered 5xx in 5 minutes.`, API_5XX_PERCENT);
    const tooMany = new MetricFilter(this, 'Api429', {
      logGroup: props.api.accessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: `OpWeg/${props.stage}`,
      metricName: 'ApiTooManyRequests',
      metricValue: '1',
      defaultValue: 0,
    });
    const throttled = new Metric({ namespace: tooMany.metric().namespace, metricName: tooMany.metric().metricName, period, statistic: Stats.SUM });
    alarm('Api429Rate', rate(throttled, 'percent 429'), `More than ${API_429_PERCENT} % of portal requests answered 429 (too many) in 5 minutes: a flood, or limits too tight for real use.`, API_429_PERCENT);

    // Budget: AWS Budgets e-mails through the same topic (it covers the whole account). Only
    // budgets of this account may publish (no other account's budget can use the topic).
    const { account, partition } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:${partition}:budgets::${account}:*` } },
      }),
    );
    const notify = (type: 'ACTUAL' | 'FORECASTED', percent: number) => ({
      notification: { notificationType: type, comparisonOperator: 'GREATER_THAN', threshold: percent, thresholdType: 'PERCENTAGE' },
      subscribers: [{ subscriptionType: 'SNS', address: this.topic.topicArn }],
    });
    new CfnBudget(this, 'Budget', {
      budget: {
        budgetName: `OpWeg-${props.stage}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('FORECASTED', 100)],
    });
  }
}
