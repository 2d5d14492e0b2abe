import { App } from 'cdktf';
import { DeploymentStack } from 'ai-model-deployment/terraform';

const app = new App();
// The same deployment as Terraform JSON (AWS provider included): cdktf.out/stacks/qwen-chat/cdk.tf.json.
new DeploymentStack(app, 'qwen-chat', { spec: 'qwen-chat.yaml' });
app.synth();
