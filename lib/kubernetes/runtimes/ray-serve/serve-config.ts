/**
 * The Ray Serve config (`serveConfigV2`) of a RayService: one application built by Ray Serve LLM's
 * `ray.serve.llm:build_openai_app` with one `llm_configs` entry. The vLLM engine arguments are not decided here:
 * they are the plan's `vllm serve` flags (`vllmServeArgs`), turned into the keyword arguments of vLLM's
 * `AsyncEngineArgs` that Ray Serve LLM's `engine_kwargs` takes ("Follow the same API as vLLM", Ray Serve LLM
 * docs, serve/llm/quick-start, read 2026-12-03). So `--max-num-seqs 64` becomes `max_num_seqs: 64`.
 */
import type { ServingContext } from '../../context';
import { modelPathFor } from '../../model-source';
import { vllmServeArgs } from '../../serving-args';

/** Flags Ray Serve owns instead of vLLM: the HTTP port and the served name (`model_loading_config.model_id`). */
const SERVE_OWNED_FLAGS = new Set(['--served-model-name', '--port', '--host']);

/**
 * Ray's accelerator type names (ray/util/accelerators/accelerators.py: `NVIDIA_TESLA_A10G = "A10G"`, ...,
 * read 2026-12-03) for the catalogue's accelerator ids. Unknown ids leave `accelerator_type` unset; the worker
 * group's node selector still pins the instance type.
 */
const RAY_ACCELERATOR_TYPES: Readonly<Record<string, string>> = {
  t4: 'T4',
  a10g: 'A10G',
  l4: 'L4',
  l40s: 'L40S',
  'a100-40gb': 'A100',
  'a100-80gb': 'A100',
  'h100-80gb': 'H100',
  'h100-pcie': 'H100',
  'h100-nvl': 'H100',
  h200: 'H200',
};

/** The keyword arguments of vLLM's engine, from `vllm serve` flags: `--a-b v` is `a_b: v`, a bare `--c` is `c: true`. */
export function engineKwargsFromServeArgs(args: readonly string[]): Record<string, string | number | boolean> {
  const kwargs: Record<string, string | number | boolean> = {};
  for (let i = 1; i < args.length; i++) {
    const flag = args[i]!;
    if (!flag.startsWith('--')) throw new Error(`unexpected vllm serve argument '${flag}' (expected a --flag)`);
    const next = args[i + 1];
    const hasValue = next !== undefined && !next.startsWith('--');
    if (hasValue) i++;
    if (SERVE_OWNED_FLAGS.has(flag)) continue;
    const key = flag.slice(2).replace(/-/g, '_');
    kwargs[key] = !hasValue ? true : /^-?\d+(\.\d+)?$/.test(next) ? Number(next) : next;
  }
  return kwargs;
}

/** Ray's accelerator type of a catalogue accelerator id, when Ray names it. */
export function rayAcceleratorType(acceleratorId: string): string | undefined {
  return RAY_ACCELERATOR_TYPES[acceleratorId.toLowerCase()];
}

/** The name clients send in `model`: the plan's `--served-model-name`, or the model id. */
export function servedModelName(ctx: ServingContext): string {
  const args = ctx.options.plan.engineArgs;
  const at = args.indexOf('--served-model-name');
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : ctx.options.plan.model;
}

/** One `LLMConfig` of Ray Serve LLM (ray.serve.llm.LLMConfig), as the Serve config's YAML/JSON spells it. */
export function rayServeLlmConfig(ctx: ServingContext): Record<string, unknown> {
  const plan = ctx.options.plan;
  const modelSource = modelPathFor(ctx.options.modelSource);
  const acceleratorType = rayAcceleratorType(plan.accelerator);
  return {
    model_loading_config: { model_id: servedModelName(ctx), model_source: modelSource },
    engine_kwargs: engineKwargsFromServeArgs(vllmServeArgs(plan, modelSource)),
    deployment_config: {
      autoscaling_config: {
        min_replicas: ctx.autoscaling.minReplicas,
        // Serve starts this many replicas; the Ray autoscaler asks KubeRay for the worker pods they need.
        initial_replicas: ctx.autoscaling.minReplicas,
        max_replicas: ctx.autoscaling.maxReplicas,
        // Requests in flight per replica Serve aims for: the plan's concurrent sequences (vLLM batches them).
        target_ongoing_requests: plan.maxNumSeqs,
      },
      // Beyond this a replica queues in Serve's router rather than in vLLM: twice the batch vLLM runs at once.
      max_ongoing_requests: 2 * plan.maxNumSeqs,
    },
    ...(acceleratorType ? { accelerator_type: acceleratorType } : {}),
    // vLLM's metrics re-exported on Ray's metrics port as `ray_vllm_*` (on by default since Ray 2.51; explicit here).
    log_engine_metrics: true,
  };
}

/** The Serve config: one application at `/` serving the OpenAI API. JSON is YAML, so the string is JSON. */
export function rayServeConfig(ctx: ServingContext): string {
  const config = {
    applications: [
      {
        name: 'llm',
        import_path: 'ray.serve.llm:build_openai_app',
        route_prefix: '/',
        args: { llm_configs: [rayServeLlmConfig(ctx)] },
      },
    ],
  };
  return JSON.stringify(config, null, 2);
}
