import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLlmServingObjects, vllmDashboard } from '../../lib/kubernetes';
import { only, servingOptions, SINGLE_NODE } from './fixtures';

describe('Grafana dashboard', () => {
  const dashboard = vllmDashboard();
  const expressions = (dashboard.panels as { title: string; targets: { expr: string }[] }[]).flatMap((p) => p.targets.map((t) => t.expr)).join('\n');

  test('THEN the dashboard shows TTFT, ITL, throughput, queue, KV usage, GPU utilisation and memory', () => {
    for (const metric of [
      'vllm:time_to_first_token_seconds_bucket',
      'vllm:inter_token_latency_seconds_bucket',
      'vllm:generation_tokens_total',
      'vllm:num_requests_waiting',
      'vllm:kv_cache_usage_perc',
      'DCGM_FI_DEV_GPU_UTIL',
      'DCGM_FI_DEV_FB_USED',
    ]) {
      expect(expressions).toContain(metric);
    }
  });

  test('THEN docs/grafana/vllm-dashboard.json is exactly what the builder produces', () => {
    const file = path.join(__dirname, '..', '..', 'docs', 'grafana', 'vllm-dashboard.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf-8'))).toEqual(dashboard);
  });

  test('GIVEN a deployment WHEN built THEN a ConfigMap labelled for the Grafana sidecar opens the dashboard on it', () => {
    const configMap = only(buildLlmServingObjects(servingOptions(SINGLE_NODE)), 'ConfigMap');
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    const model = JSON.parse(configMap.data['llm-vllm.json']);
    expect(model.uid).toBe('vllm-llm-serving-llm');
    expect(model.templating.list[1].current).toEqual({ text: 'llm-serving', value: 'llm-serving' });
  });
});
