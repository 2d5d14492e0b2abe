/**
 * Props validation of the CDK constructs: every problem named with its field, value and fix.
 */
import { App, Stack } from 'aws-cdk-lib';
import { SageMakerEndpointNetwork } from '../../constructs/cdk/sagemaker/endpoint-network';
import { SageMakerEndpointStorage } from '../../constructs/cdk/sagemaker/endpoint-storage';
import { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { planFor } from './support/plans';

const stack = () => new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'us-east-1' } });

describe('SageMakerModelEndpoint', () => {
  test('GIVEN a serverless description WHEN a network is passed THEN the network prop is refused', () => {
    const s = stack();
    const network = new SageMakerEndpointNetwork(s, 'Network');
    const description = describeSageMakerEndpoint(planFor('serverless'));
    expect(() => new SageMakerModelEndpoint(s, 'Endpoint', { description, network })).toThrow(/network \('\(given\)'\): no model of endpoint classifier runs in a VPC \(mode serverless\). Fix: remove network/);
  });
});

describe('SageMakerEndpointStorage', () => {
  test('GIVEN retention periods below one day THEN both are reported at once', () => {
    expect(() => new SageMakerEndpointStorage(stack(), 'Storage', { noncurrentVersionRetentionDays: 0, dataRetentionDays: 0.5 }))
      .toThrow(/has 2 problems:\n- noncurrentVersionRetentionDays \(0\)[\s\S]*- dataRetentionDays \(0.5\)/);
  });
});

describe('SageMakerEndpointNetwork', () => {
  test('GIVEN a VPC id without subnets THEN the missing half is named', () => {
    expect(() => new SageMakerEndpointNetwork(stack(), 'Network', { vpcId: 'vpc-0123456789abcdef0' })).toThrow(/vpcId \('vpc-0123456789abcdef0'\): vpcId and subnetIds go together/);
  });
});
