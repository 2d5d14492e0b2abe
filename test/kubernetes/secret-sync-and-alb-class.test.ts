/**
 * The Hugging Face token synced from Secrets Manager by the External Secrets Operator, and the `alb` IngressClass of
 * EKS Auto Mode: the objects, their wiring to the vLLM container and Ingress, and their schemas.
 */
import { buildLlmServingObjects } from '../../lib/kubernetes';
import { allContainers, only, servingOptions, SINGLE_NODE } from './fixtures';
import { schemaErrors } from './schema-helpers';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf/llama-token-AbCdEf';
const hubModel = servingOptions(SINGLE_NODE, {
  modelSource: { huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' },
  huggingFaceTokenSecret: { secretName: 'llm-hf-token', key: 'token', fromSecretsManager: { secretId: SECRET_ARN, region: 'us-east-1' } },
});

describe('Hugging Face token from Secrets Manager', () => {
  const objects = buildLlmServingObjects(hubModel);

  test('GIVEN a Secrets Manager source WHEN built THEN a SecretStore for Secrets Manager in the region uses the operator identity (no credentials)', () => {
    const store = only(objects, 'SecretStore');
    expect(store).toMatchObject({ apiVersion: 'external-secrets.io/v1', metadata: { name: 'llm-secrets-manager', namespace: 'llm-serving' } });
    expect(store.spec).toEqual({ provider: { aws: { service: 'SecretsManager', region: 'us-east-1' } } });
  });

  test('THEN the ExternalSecret writes the token into the Secret the vLLM container reads', () => {
    const externalSecret = only(objects, 'ExternalSecret');
    expect(externalSecret.spec).toMatchObject({
      secretStoreRef: { name: 'llm-secrets-manager', kind: 'SecretStore' },
      target: { name: 'llm-hf-token', creationPolicy: 'Owner' },
      data: [{ secretKey: 'token', remoteRef: { key: SECRET_ARN } }],
    });
    const vllm = allContainers(objects).find((c) => c.container.name === 'vllm')!.container;
    const tokenEnv = vllm.env.find((e: any) => e.valueFrom?.secretKeyRef?.name === 'llm-hf-token');
    expect(tokenEnv.valueFrom.secretKeyRef).toEqual({ name: 'llm-hf-token', key: 'token' });
  });

  test('THEN the store and ExternalSecret come before the workload that mounts the Secret', () => {
    const kinds = objects.map((o) => o.kind);
    expect(kinds.indexOf('ExternalSecret')).toBeLessThan(kinds.indexOf('Deployment'));
    expect(kinds.indexOf('SecretStore')).toBeLessThan(kinds.indexOf('ExternalSecret'));
  });

  test('THEN no object carries a Secret with data, nor a literal token', () => {
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(JSON.stringify(objects)).not.toMatch(/hf_[A-Za-z0-9]{10,}/);
  });

  test('GIVEN a Secret created elsewhere WHEN built THEN no sync objects are emitted', () => {
    const plain = buildLlmServingObjects({ ...hubModel, huggingFaceTokenSecret: { secretName: 'llm-hf-token', key: 'token' } });
    expect(plain.filter((o) => ['SecretStore', 'ExternalSecret'].includes(o.kind))).toEqual([]);
  });

  test('THEN every object passes the validation harness, whose ExternalSecret schema rejects a misspelled field', () => {
    expect(schemaErrors(objects)).toBe('');
    const externalSecret = only(objects, 'ExternalSecret');
    const misspelled = { ...externalSecret, spec: { ...externalSecret.spec, data: [{ secretKey: 'token', remoteRef: { name: 'x' } }] } };
    expect(schemaErrors([misspelled as never])).toMatch(/remoteRef/);
  });
});

describe('ALB IngressClass in EKS Auto Mode', () => {
  test('GIVEN Auto Mode and an ALB Ingress WHEN built THEN an internal IngressClassParams and the alb IngressClass of eks.amazonaws.com/alb are emitted', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { capacity: 'auto-mode' }));
    expect(only(objects, 'IngressClassParams')).toMatchObject({ apiVersion: 'eks.amazonaws.com/v1', metadata: { name: 'alb' }, spec: { scheme: 'internal' } });
    expect(only(objects, 'IngressClass').spec).toEqual({
      controller: 'eks.amazonaws.com/alb',
      parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: 'alb' },
    });
    expect(only(objects, 'Ingress').spec.ingressClassName).toBe('alb');
    expect(schemaErrors(objects)).toBe('');
  });

  test('GIVEN Karpenter capacity WHEN built THEN no IngressClass is emitted (the AWS Load Balancer Controller chart creates it)', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE));
    expect(objects.filter((o) => ['IngressClass', 'IngressClassParams'].includes(o.kind))).toEqual([]);
  });
});
