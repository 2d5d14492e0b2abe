import { readFileSync } from 'node:fs';
import * as d from '../lib/validation/deployability';
test('x', () => {
  for (const n of (process.env.DUMP ?? 'llm-eks-quantized').split(',')) {
    const j = JSON.parse(readFileSync(`/tmp/dump/${n}.json`, 'utf8'));
    const f = [...d.deployabilityOfCloudFormation(j.cdk), ...d.deployabilityOfTerraform(j.tf), ...d.deployabilityOfPulumi(j.pulumi), ...d.deployabilityOfKubernetes(j.k8s)];
    console.log(n + '\n' + f.map((x) => `${x.severity} ${x.engine} ${x.resource} ${x.rule}: ${x.message.slice(0, 140)}`).join('\n'));
  }
});
