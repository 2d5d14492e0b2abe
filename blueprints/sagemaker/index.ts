import type { Blueprint } from '../blueprint';
import { SAGEMAKER_ASYNC } from './sagemaker-async';
import { SAGEMAKER_LLM } from './sagemaker-llm';
import { SAGEMAKER_MULTI_MODEL } from './sagemaker-multi-model';
import { SAGEMAKER_SERVERLESS } from './sagemaker-serverless';
import { SAGEMAKER_SHADOW } from './sagemaker-shadow';

/** Blueprints of this area, in the order `aimd synth` renders them. */
export const SAGEMAKER_BLUEPRINTS: readonly Blueprint[] = [
  SAGEMAKER_LLM,
  SAGEMAKER_SERVERLESS,
  SAGEMAKER_ASYNC,
  SAGEMAKER_MULTI_MODEL,
  SAGEMAKER_SHADOW,
];
