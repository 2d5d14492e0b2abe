/**
 * Triton's model repository: the `config.pbtxt` writer against hand-written files, the reader that parses them back,
 * the batching derived from traffic, and the checker that refuses repositories Triton would refuse at load time.
 */
import { serverBatching } from '../../../lib/plan/model-server-plan';
import { type TritonModelConfig, tritonConfigPbtxt } from '../../../lib/kubernetes/runtimes/triton/model-config';
import { parsePbtxt, readTritonConfig } from '../../../lib/kubernetes/runtimes/triton/pbtxt';
import { tritonRepositoryFileProblems, tritonRepositoryProblems } from '../../../lib/kubernetes/runtimes/triton/repository-check';
import { tritonConfigFiles, tritonRepositoryConfigs } from '../../../lib/kubernetes/runtimes/triton/repository';
import { TRITON_EKS_REPOSITORY } from '../../../blueprints/eks/triton-eks';

const RESNET: TritonModelConfig = {
  name: 'resnet50',
  kind: 'onnx',
  maxBatchSize: 16,
  inputs: [{ name: 'input', dataType: 'TYPE_FP32', dims: [3, 224, 224] }],
  outputs: [{ name: 'logits', dataType: 'TYPE_FP32', dims: [1000] }],
  gpuInstanceCount: 1,
  dynamicBatching: { preferredBatchSizes: [2, 16], maxQueueDelayMicroseconds: 10000 },
};

const RESNET_PBTXT = `name: "resnet50"
platform: "onnxruntime_onnx"
max_batch_size: 16
input [
  {
    name: "input"
    data_type: TYPE_FP32
    dims: [ 3, 224, 224 ]
  }
]
output [
  {
    name: "logits"
    data_type: TYPE_FP32
    dims: [ 1000 ]
  }
]
instance_group [
  {
    count: 1
    kind: KIND_GPU
  }
]
dynamic_batching {
  preferred_batch_size: [ 2, 16 ]
  max_queue_delay_microseconds: 10000
}
`;

const ENSEMBLE_PBTXT = `name: "classify"
platform: "ensemble"
max_batch_size: 16
input [
  {
    name: "IMAGE_BYTES"
    data_type: TYPE_UINT8
    dims: [ -1 ]
  }
]
output [
  {
    name: "LABEL"
    data_type: TYPE_STRING
    dims: [ 1 ]
  },
  {
    name: "SCORE"
    data_type: TYPE_FP32
    dims: [ 1 ]
  }
]
ensemble_scheduling {
  step [
    {
      model_name: "preprocess"
      model_version: -1
      input_map {
        key: "IMAGE_BYTES"
        value: "IMAGE_BYTES"
      }
      output_map {
        key: "PIXELS"
        value: "pixels"
      }
    },
    {
      model_name: "resnet50"
      model_version: -1
      input_map {
        key: "input"
        value: "pixels"
      }
      output_map {
        key: "logits"
        value: "logits"
      }
    },
    {
      model_name: "postprocess"
      model_version: -1
      input_map {
        key: "LOGITS"
        value: "logits"
      }
      output_map {
        key: "LABEL"
        value: "LABEL"
      }
      output_map {
        key: "SCORE"
        value: "SCORE"
      }
    }
  ]
}
`;

/** 200 requests/s on one replica with a 100 ms p95 objective: the triton-eks blueprint's traffic. */
const BLUEPRINT_BATCHING = serverBatching(200, 1, 100);

describe('dynamic batching from the traffic', () => {
  test('a request waits 10 % of the p95 objective; max_batch_size is what arrives in half of it', () => {
    // 10 ms wait; 200/s × 50 ms = 10 requests → 16; 200/s × 10 ms = 2 requests in the wait.
    expect(BLUEPRINT_BATCHING).toEqual({ maxBatchSize: 16, preferredBatchSizes: [2, 16], maxQueueDelayMicroseconds: 10000 });
  });

  test('more replicas share the traffic, so each forms smaller batches', () => {
    expect(serverBatching(200, 4, 100).maxBatchSize).toBe(4);
  });

  test('without a latency objective the wait is 1 ms and batches stay within 4..64', () => {
    expect(serverBatching(1, 1)).toEqual({ maxBatchSize: 4, preferredBatchSizes: [2, 4], maxQueueDelayMicroseconds: 1000 });
    expect(serverBatching(100_000, 1, 1000).maxBatchSize).toBe(64);
  });
});

describe('config.pbtxt writer', () => {
  test('writes an ONNX model with KIND_GPU instances and dynamic batching exactly as Triton documents it', () => {
    expect(tritonConfigPbtxt(RESNET)).toBe(RESNET_PBTXT);
  });

  test('writes the ensemble with its steps, input_map and output_map, batch size from its steps', () => {
    const files = tritonConfigFiles(tritonRepositoryConfigs(TRITON_EKS_REPOSITORY, BLUEPRINT_BATCHING));
    expect(files.classify).toBe(ENSEMBLE_PBTXT);
    expect(files.resnet50).toBe(RESNET_PBTXT);
    expect(files.preprocess).toContain('backend: "python"');
    expect(files.preprocess).toContain('max_batch_size: 16');
  });

  test('the reader parses what the writer wrote back to the same configuration', () => {
    const configs = tritonRepositoryConfigs(TRITON_EKS_REPOSITORY, BLUEPRINT_BATCHING);
    // The file states the defaults the data leaves out: one GPU instance, the latest version of each step's model.
    const withDefaults = (c: TritonModelConfig): TritonModelConfig => (c.kind === 'ensemble'
      ? { ...c, steps: c.steps!.map((s) => ({ ...s, modelVersion: s.modelVersion ?? -1 })) }
      : { ...c, gpuInstanceCount: c.gpuInstanceCount ?? 1 });
    for (const config of configs) {
      expect(readTritonConfig(tritonConfigPbtxt(config))).toEqual(withDefaults(config));
    }
  });

  test('the reader accepts hand-written forms: repeated fields, comments, no commas', () => {
    const parsed = parsePbtxt('# a comment\nname: "m"\ninput { name: "a" dims: [1] }\ninput { name: "b" dims: [2] }\n');
    expect(parsed.input).toHaveLength(2);
    expect(parsed.name).toEqual(['m']);
  });
});

describe('repository checker', () => {
  const configs = tritonRepositoryConfigs(TRITON_EKS_REPOSITORY, BLUEPRINT_BATCHING);

  test('the blueprint repository has no problem, read from its files', () => {
    expect(tritonRepositoryFileProblems(tritonConfigFiles(configs))).toEqual([]);
  });

  test('a step naming a model that is not in the repository is refused with the models there are', () => {
    const broken = configs.map((c) => (c.kind === 'ensemble' ? { ...c, steps: c.steps!.map((s) => (s.modelName === 'resnet50' ? { ...s, modelName: 'resnet' } : s)) } : c));
    const problems = tritonRepositoryProblems(broken);
    expect(problems.map((p) => `${p.field} ${String(p.value)}`)).toContain('models.classify.ensemble_scheduling.step[1].model_name resnet');
    expect(problems.find((p) => p.value === 'resnet')!.fix).toMatch(/preprocess, resnet50, postprocess/);
  });

  test('tensors that do not connect (data type or shape) are refused naming both ends', () => {
    const broken = configs.map((c) => (c.name === 'resnet50' ? { ...c, inputs: [{ name: 'input', dataType: 'TYPE_FP16' as const, dims: [3, 224, 224] }] } : c));
    const problem = tritonRepositoryProblems(broken).find((p) => p.field === 'models.classify.ensemble_scheduling.step[1].input_map.input');
    expect(problem?.message).toMatch(/TYPE_FP32 \[3,224,224\] \(step 'preprocess'\) but 'resnet50' reads TYPE_FP16/);
  });

  test("an ensemble batching more than one of its models is refused", () => {
    const broken = configs.map((c) => (c.name === 'classify' ? { ...c, maxBatchSize: 32 } : c));
    expect(tritonRepositoryProblems(broken).map((p) => p.message)).toContain("exceeds the max_batch_size of step model 'preprocess' (16)");
  });

  test('an ensemble output no step writes, and a preferred batch above max_batch_size, are refused', () => {
    const broken = configs.map((c) => {
      if (c.name === 'classify') return { ...c, outputs: [...c.outputs, { name: 'TOP5', dataType: 'TYPE_FP32' as const, dims: [5] }] };
      if (c.name === 'resnet50') return { ...c, dynamicBatching: { preferredBatchSizes: [32], maxQueueDelayMicroseconds: 100 } };
      return c;
    });
    const fields = tritonRepositoryProblems(broken).map((p) => `${p.field}=${JSON.stringify(p.value)}`);
    expect(fields).toEqual(expect.arrayContaining(['models.classify.output="TOP5"', 'models.resnet50.dynamic_batching.preferred_batch_size=[32]']));
  });

  test('a file that does not parse, or whose name differs from its directory, is reported', () => {
    const problems = tritonRepositoryFileProblems({ resnet50: RESNET_PBTXT.replace('name: "resnet50"', 'name: "other"'), broken: 'name: "broken"\ninput [ {' });
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['models.resnet50.name', 'models.broken/config.pbtxt']));
  });

  test('building the configurations throws once with every problem', () => {
    expect(() => tritonRepositoryConfigs({ ...TRITON_EKS_REPOSITORY, entrypoint: 'nope' }, BLUEPRINT_BATCHING)).toThrow(/entrypoint \('nope'\): is not a model of the repository/);
  });
});
