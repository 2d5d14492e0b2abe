/**
 * DLC and SageMaker framework image URIs per region: the account map differs by image family, and
 * regions outside the map fail with the list of supported regions.
 */
import { IMAGE_FAMILIES, imageFamilyFor, modelMonitorImage, resolveImage, supportedImageRegions, type SageMakerImageFamily } from '../../lib/sagemaker/images';
import { InputValidationError } from '../../lib/errors';

const REQUIRED_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const SERVING_FAMILIES: SageMakerImageFamily[] = ['lmi', 'tgi', 'triton', 'pytorch', 'tensorflow', 'huggingface', 'sklearn', 'xgboost'];

describe('resolveImage', () => {
  describe.each(REQUIRED_REGIONS)('in %s', (region) => {
    test.each(SERVING_FAMILIES)('GIVEN family %s WHEN resolved THEN the URI names its account, region, repository and pinned tag', (family) => {
      const processor = IMAGE_FAMILIES[family].tags.gpu !== undefined ? 'gpu' : 'cpu';
      const image = resolveImage({ family, region, processor });
      expect(image.uri).toBe(`${image.account}.dkr.ecr.${region}.amazonaws.com/${IMAGE_FAMILIES[family].repository}:${IMAGE_FAMILIES[family].tags[processor]}`);
      expect(image.account).toMatch(/^\d{12}$/);
      expect(image.sources.length).toBe(2);
    });
  });

  test('GIVEN the LMI, TGI, Triton, PyTorch, TensorFlow and HF families THEN they come from the DLC account 763104351884', () => {
    for (const family of ['lmi', 'tgi', 'triton', 'pytorch', 'tensorflow', 'huggingface'] as const) {
      const processor = IMAGE_FAMILIES[family].tags.gpu ? 'gpu' : 'cpu';
      expect(resolveImage({ family, region: 'us-west-2', processor }).account).toBe('763104351884');
    }
  });

  test('GIVEN scikit-learn and XGBoost THEN each region has its own account (683313688378 in us-east-1)', () => {
    expect(resolveImage({ family: 'sklearn', region: 'us-east-1', processor: 'cpu' }).uri).toBe('683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3');
    expect(resolveImage({ family: 'sklearn', region: 'us-west-2', processor: 'cpu' }).account).toBe('246618743249');
    expect(resolveImage({ family: 'xgboost', region: 'eu-west-1', processor: 'cpu' }).uri).toBe('141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1');
  });

  test('GIVEN the LMI family THEN the URI is the LMI 18 vLLM image', () => {
    expect(resolveImage({ family: 'lmi', region: 'us-east-1', processor: 'gpu' }).uri).toBe('763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.36.0-lmi18.0.0-cu128');
  });

  test('GIVEN a region outside the map WHEN resolved THEN the error names the region and lists the supported ones', () => {
    const attempt = () => resolveImage({ family: 'sklearn', region: 'sa-east-1', processor: 'cpu' });
    expect(attempt).toThrow(InputValidationError);
    expect(attempt).toThrow(/region \('sa-east-1'\).*sagemaker-scikit-learn.*Fix: deploy to one of us-east-1, us-east-2, us-west-2, eu-west-1/);
  });

  test('GIVEN a GPU-only family on a CPU instance WHEN resolved THEN the error says which processors exist and how to fix it', () => {
    expect(() => resolveImage({ family: 'lmi', region: 'us-east-1', processor: 'cpu' })).toThrow(/processor \('cpu'\): LMI 18.*only for gpu.*Fix: choose a GPU instance type/);
  });

  test('GIVEN an explicit tag (runtime.version) THEN it replaces the pinned tag', () => {
    expect(resolveImage({ family: 'lmi', region: 'eu-west-1', processor: 'gpu', tag: '0.35.0-lmi17.0.0-cu128' }).uri).toBe('763104351884.dkr.ecr.eu-west-1.amazonaws.com/djl-inference:0.35.0-lmi17.0.0-cu128');
  });

  test('THEN the required regions resolve for every family, Model Monitor included', () => {
    for (const family of [...SERVING_FAMILIES, 'model-monitor'] as const) expect(supportedImageRegions(family)).toEqual(expect.arrayContaining(REQUIRED_REGIONS));
    expect(modelMonitorImage('eu-west-1').uri).toBe('468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer');
  });
});

describe('imageFamilyFor', () => {
  test('GIVEN vLLM on SageMaker THEN it runs in the LMI container; ONNX runs on Triton; custom has none', () => {
    expect(imageFamilyFor('vllm')).toBe('lmi');
    expect(imageFamilyFor('onnxruntime')).toBe('triton');
    expect(imageFamilyFor('torchserve')).toBe('pytorch');
    expect(imageFamilyFor('custom')).toBeUndefined();
  });
});
