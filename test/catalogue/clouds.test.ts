/**
 * The Google Cloud and Azure machine-type data (lib/catalogue/data/gcp-machine-types.json,
 * azure-vm-sizes.json): every row sourced and dated, prices positive where present and explained where
 * absent, accelerators known, and the lookups working across clouds.
 */
import {
  ACCELERATORS, ALL_INSTANCE_TYPES, AZURE_VM_SIZES, CLOUDS, DEFAULT_REGIONS, GCP_MACHINE_TYPES, INSTANCE_TYPES,
  cloudOf, getInstanceType, instanceTypesFor, instanceTypesOfCloud, pricedRegionsOf,
} from '../../lib/catalogue';
import type { CloudId } from '../../lib/catalogue';

const RETRIEVED = '2026-12-03';

const BY_CLOUD: ReadonlyArray<[Exclude<CloudId, 'aws'>, typeof GCP_MACHINE_TYPES]> = [['gcp', GCP_MACHINE_TYPES], ['azure', AZURE_VM_SIZES]];

describe('machine types of Google Cloud and Azure', () => {
  test.each(BY_CLOUD)('GIVEN the %s rows THEN each is sourced, dated, priced where it says so and carries a known CUDA GPU', (cloud, rows) => {
    for (const t of rows) {
      const where = `${cloud} ${t.name}`;
      expect({ where, cloud: t.cloud }).toEqual({ where, cloud });
      for (const source of [t.source.specs, t.source.price]) {
        expect({ where, url: source.url, retrieved: source.retrieved }).toEqual({ where, url: expect.stringMatching(/^https:\/\/\S+$/), retrieved: RETRIEVED });
        expect({ where, note: (source.note ?? '').length > 20 }).toEqual({ where, note: true });
      }
      const accelerator = ACCELERATORS.find((a) => a.id === t.acceleratorId);
      expect({ where, accelerator: accelerator?.id, cuda: accelerator?.cudaCapable }).toEqual({ where, accelerator: t.acceleratorId, cuda: true });
      expect(t.acceleratorCount).toBeGreaterThan(0);
      expect(t.vcpus).toBeGreaterThan(0);
      expect(t.memoryGiB).toBeGreaterThan(0);
      expect(t.interconnect.networkGbps).toBeGreaterThan(0);
      expect(t.interconnect.efa).toBe(false);
      const prices = Object.entries(t.onDemandPricePerHourUsd);
      prices.forEach(([, price]) => expect({ where, positive: price > 0 }).toEqual({ where, positive: true }));
      if (prices.length === 0) {
        // An unconfirmed price is left out, never guessed, and the row says so.
        expect({ where, note: t.note }).toEqual({ where, note: expect.stringMatching(/Price omitted/) });
      } else {
        expect({ where, regions: prices.map(([region]) => region) }).toEqual({ where, regions: [DEFAULT_REGIONS[cloud]] });
      }
      if (t.interconnect.nvlink) expect(t.acceleratorCount).toBeGreaterThan(1);
    }
  });

  test('GIVEN every cloud THEN machine-type names are unique across clouds', () => {
    const names = ALL_INSTANCE_TYPES.map((t) => t.name.toLowerCase());
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('GIVEN the issue list THEN every Google Cloud and Azure GPU machine type asked for is present', () => {
    const gcp = GCP_MACHINE_TYPES.map((t) => t.name);
    expect(gcp).toEqual(expect.arrayContaining([
      'g2-standard-4', 'g2-standard-96', 'a2-highgpu-1g', 'a2-highgpu-8g', 'a2-megagpu-16g', 'a2-ultragpu-1g', 'a2-ultragpu-8g',
      'a3-highgpu-8g', 'a3-megagpu-8g', 'a3-ultragpu-8g', 'n1-standard-8+1xnvidia-tesla-t4',
    ]));
    expect(AZURE_VM_SIZES.map((t) => t.name)).toEqual(expect.arrayContaining([
      'Standard_NC4as_T4_v3', 'Standard_NC64as_T4_v3', 'Standard_NV36ads_A10_v5', 'Standard_NV36adms_A10_v5', 'Standard_NV72ads_A10_v5', 'Standard_NC24ads_A100_v4', 'Standard_NC48ads_A100_v4',
      'Standard_NC96ads_A100_v4', 'Standard_ND96asr_v4', 'Standard_ND96amsr_A100_v4', 'Standard_NC40ads_H100_v5', 'Standard_NC80adis_H100_v5',
      'Standard_ND96isr_H100_v5', 'Standard_ND96isr_H200_v5',
    ]));
  });

  test('GIVEN the A100 generations THEN 40 GB and 80 GB parts are told apart on both clouds', () => {
    expect(getInstanceType('a2-highgpu-1g').acceleratorId).toBe('a100-40gb');
    expect(getInstanceType('a2-ultragpu-1g').acceleratorId).toBe('a100-80gb');
    expect(getInstanceType('Standard_ND96asr_v4').acceleratorId).toBe('a100-40gb');
    expect(getInstanceType('Standard_ND96amsr_A100_v4').acceleratorId).toBe('a100-80gb');
    expect(getInstanceType('a3-ultragpu-8g').acceleratorId).toBe('h200');
    expect(getInstanceType('Standard_NC40ads_H100_v5').acceleratorId).toBe('h100-nvl');
  });

  test('GIVEN fractional A10 sizes THEN they are left out, and the whole-GPU rows say why', () => {
    const names = AZURE_VM_SIZES.map((t) => t.name);
    for (const fractional of ['Standard_NV6ads_A10_v5', 'Standard_NV12ads_A10_v5', 'Standard_NV18ads_A10_v5']) expect(names).not.toContain(fractional);
    expect(getInstanceType('Standard_NV36ads_A10_v5').source.specs.note).toMatch(/1\/6, 1\/3 and 1\/2 of one A10/);
  });

  test('GIVEN an N1 VM with T4s THEN it records the VM and the GPU it is billed as', () => {
    const n1 = getInstanceType('n1-standard-16+2xnvidia-tesla-t4');
    expect(n1).toMatchObject({ cloud: 'gcp', acceleratorId: 't4', acceleratorCount: 2, attachedGpus: { machineType: 'n1-standard-16', acceleratorType: 'nvidia-tesla-t4' } });
    expect(n1.source.specs.note).toMatch(/price = VM \+ count x T4/);
  });

  test('GIVEN multi-node fabrics THEN A3 and ND rows name theirs and single-GPU rows have none', () => {
    expect(getInstanceType('a3-highgpu-8g').interconnect.fabric).toBe('gpudirect-tcpx');
    expect(getInstanceType('a3-megagpu-8g').interconnect.fabric).toBe('gpudirect-tcpxo');
    expect(getInstanceType('a3-ultragpu-8g').interconnect.fabric).toBe('gpudirect-rdma');
    expect(getInstanceType('Standard_ND96isr_H100_v5').interconnect.fabric).toBe('infiniband');
    expect(getInstanceType('g2-standard-4').interconnect.fabric).toBeUndefined();
  });
});

describe('catalogue lookups per cloud', () => {
  test('GIVEN a name of any cloud WHEN looked up in any case THEN getInstanceType finds it and its cloud', () => {
    expect(cloudOf(getInstanceType('g5.xlarge'))).toBe('aws');
    expect(getInstanceType('ml.g5.xlarge').name).toBe('g5.xlarge');
    expect(cloudOf(getInstanceType('A2-ULTRAGPU-2G'))).toBe('gcp');
    expect(getInstanceType('standard_nc48ads_a100_v4').name).toBe('Standard_NC48ads_A100_v4');
    expect(() => getInstanceType('Standard_NC48ads_A100_v3')).toThrow(/Did you mean 'Standard_NC48ads_A100_v4'\?/);
  });

  test('GIVEN each cloud WHEN listed THEN instanceTypesOfCloud returns only that cloud and AWS keeps INSTANCE_TYPES', () => {
    expect(instanceTypesOfCloud('aws')).toBe(INSTANCE_TYPES);
    for (const cloud of CLOUDS) expect(new Set(instanceTypesOfCloud(cloud).map(cloudOf))).toEqual(new Set([cloud]));
    expect(() => instanceTypesOfCloud('oci' as CloudId)).toThrow(/Unknown cloud 'oci' \(--cloud\)\. Known: aws, gcp, azure/);
  });

  test('GIVEN an accelerator WHEN listed per cloud THEN instanceTypesFor keeps AWS by default and sorts by GPUs then price', () => {
    expect(instanceTypesFor('h100-nvl')).toEqual([]);
    expect(instanceTypesFor('h100-nvl', 'azure').map((t) => t.name)).toEqual(['Standard_NC40ads_H100_v5', 'Standard_NC80adis_H100_v5']);
    expect(instanceTypesFor('l4', 'gcp').slice(0, 3).map((t) => t.name)).toEqual(['g2-standard-4', 'g2-standard-8', 'g2-standard-12']);
  });

  test('GIVEN the price data THEN each cloud is priced in its default region', () => {
    expect(pricedRegionsOf('gcp')).toEqual(['us-central1']);
    expect(pricedRegionsOf('azure')).toEqual(['eastus']);
    expect(pricedRegionsOf('aws')).toContain('us-east-1');
  });
});
