import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE } from '../../shared/db/table.js';

const key = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The one table on AWS, built from shared/db/table.ts (the same definition DynamoDB Local and
 * the tests use), so key names, indexes, stream and TTL cannot drift between the two.
 */
export function createTable(scope: Construct, id: string): TableV2 {
  return new TableV2(scope, id, {
    partitionKey: key(TABLE.partitionKey),
    sortKey: key(TABLE.sortKey),
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // The table holds every organisation, listing and consent record: never lose it to a stack change.
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    dynamoStream: StreamViewType[TABLE.stream],
    timeToLiveAttribute: TABLE.ttlAttribute,
    globalSecondaryIndexes: TABLE.indexes.map((i) => ({
      indexName: i.name,
      partitionKey: key(i.partitionKey),
      sortKey: key(i.sortKey),
      projectionType: ProjectionType.ALL,
    })),
  });
}
