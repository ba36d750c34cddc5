import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  functions: Record<string, IFunction>;
  /** The publisher's dead-letter queue, read by the repair, and how old a message in it may get. */
  deadLetters: { queue: IQueue; maxAge: Duration };
  /** Where dead letters the repair gave up on wait for a person. */
  parked: IQueue;
  email?: string;
}

/**
 * Alarms that mean "residents may see stale or missing pages, or someone could not sign in":
 * any function error, a stream batch the repair has not managed to publish again within the
 * hour, and any batch it gave up on (parked). What to do: docs/deploy.md, "Alarms".
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'OpWeg alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

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
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `The ${name} function failed at least once in 5 minutes.`);
    }
    // Not the number of messages: the repair receives each one within seconds, so that number
    // stays near 0 even while every repair fails. The age grows until a repair succeeds.
    alarm(
      'DeadLettersNotRepaired',
      props.deadLetters.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      `A stream batch the publisher gave up on is still not repaired after ${props.deadLetters.maxAge.toHumanString()}: pages may be stale. See docs/deploy.md, "Alarms".`,
      props.deadLetters.maxAge.toSeconds(),
    );
    alarm(
      'DeadLettersParked',
      props.parked.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      'The repair gave up on a stream batch (parked): pages may be stale until someone acts. See docs/deploy.md, "Alarms".',
    );
  }
}
