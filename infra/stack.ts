import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { createTable } from './constructs/table.js';

/** Everything OpWeg runs on in one AWS account and region. See ARCHITECTURE.md, "AWS shape". */
export class OpwegStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const table = createTable(this, 'Table');
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
