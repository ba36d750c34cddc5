import { ContentLanguage } from '../domain/common.js';
/**
 * The one DynamoDB table, defined once: the CDK stack, the local bootstrap and the tests all
 * build it from this. Key attributes are generic; what they hold is decided in keys.ts only.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after. Reads filter on it too. */
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
    { name: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
  ],
} as const;

/**
 * The items the resident site is made of (listings, their summaries, visit seats, organisations, the directory):
 * the publish Lambda's stream filter. The key formats are keys.ts's; a test checks they agree.
 */
export const SITE_SOURCES = {
  // A listing's summaries (`SUMMARY#<language>`) show on its pages too.
  sortKeys: ['LISTING', 'SEATS', 'ORG', ...ContentLanguage.options.map((l) => `SUMMARY#${l}`)],
  partitionKeys: ['DIRECTORY'],
};

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** The CreateTable request for DynamoDB Local and the tests (on AWS, CDK builds it). */
export function createTableInput(tableName: string) {
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const i of TABLE.indexes) attributes.add(i.partitionKey).add(i.sortKey);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream },
  };
}
