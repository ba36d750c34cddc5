import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Alarms that mean "residents may see stale or missing pages, or someone could not sign in":
 * any function error and any stream batch given up on (in the dead-letter queue).
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { functions: Record<string, IFunction>; deadLetters: IQueue; email?: string }) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'OpWeg alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    const alarm = (name: string, metric: IMetric, description: string) =>
      new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.topic));

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `The ${name} function failed at least once in 5 minutes.`);
    }
    alarm(
      'DeadLetters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'Stream records the publisher gave up on: pages may be stale. Inspect the queue, then rebuild the site.',
    );
  }
}
