import { writeFileSync } from 'node:fs';
import { ALL_BLUEPRINTS as BLUEPRINTS } from '../blueprints';
import { renderBlueprint } from '../lib/synth/render-blueprint';
const names = (process.env.DUMP ?? 'llm-eks-quantized').split(',');
test('dump', async () => {
  for (const n of names) {
    const bp = BLUEPRINTS.find((b) => b.name === n)!;
    const r = await renderBlueprint(bp, { securityChecks: false });
    writeFileSync(`/tmp/dump/${n}.json`, JSON.stringify({ cdk: r.cdk.template, tf: r.terraform.json, pulumi: r.pulumi.resources, k8s: r.kubernetes, findings: r.findings }, null, 1));
  }
}, 600000);
