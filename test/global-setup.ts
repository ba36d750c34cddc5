import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../scripts/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const local = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', local.endpoint);
  return () => local.stop();
}
