import { Deployment } from 'ai-model-deployment/pulumi';

// The same deployment as a Pulumi component: every resource is its child (`pulumi up` in this project).
const chat = new Deployment('qwen-chat', { spec: 'qwen-chat.yaml' });

export const compute = chat.plan.summary.compute;
export const monthlyCostUsd = chat.plan.summary.monthlyCostUsd;
