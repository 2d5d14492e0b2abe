import { App } from 'aws-cdk-lib';
import { DeploymentStack } from 'ai-model-deployment/cdk';

const app = new App();
// Plans the deployment (instance type, vLLM flags, replicas, cost) and adds the VPC, the EKS cluster,
// Karpenter GPU capacity, vLLM, autoscaling, monitoring and the security checks to one stack.
const chat = new DeploymentStack(app, 'QwenChat', { spec: 'qwen-chat.yaml' });
console.log(`QwenChat: ${chat.plan.summary.compute}, ~$${chat.plan.summary.monthlyCostUsd}/month`);
app.synth();
