/**
 * The recorded Spot prices (lib/catalogue/data/aws-spot-prices.json): every row sourced to one commit of a public
 * file and dated, consistent with the zones it summarizes, never above On-Demand, and reproducible from the
 * committed excerpt by tools/spot-prices.js.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTANCE_TYPES, RECORDED_SPOT_PRICES, recordedSpotPrice } from '../../lib/catalogue';
import spotPriceData from '../../lib/catalogue/data/aws-spot-prices.json';
import instanceTypeData from '../../lib/catalogue/data/instance-types.json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildSpotPrices } = require('../../tools/spot-prices.js') as { buildSpotPrices: (csv: string, commit: string, retrieved: string, catalogue: unknown) => typeof spotPriceData };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('recorded Spot prices', () => {
  test('GIVEN the data file THEN it holds rows, each for an accelerator type of our AWS catalogue in a region it prices', () => {
    expect(RECORDED_SPOT_PRICES.length).toBeGreaterThan(0);
    for (const row of RECORDED_SPOT_PRICES) {
      const type = INSTANCE_TYPES.find((t) => t.name === row.instanceType);
      expect({ row: row.instanceType, accelerator: type?.acceleratorId !== undefined }).toEqual({ row: row.instanceType, accelerator: true });
      expect({ row: row.instanceType, onDemand: row.onDemandPricePerHourUsd }).toEqual({ row: row.instanceType, onDemand: type?.onDemandPricePerHourUsd[row.region] });
      expect(row.productDescription).toBe('Linux/UNIX');
    }
  });

  test('GIVEN every accelerator type of the AWS catalogue in us-east-1 THEN each has a recorded Spot price but p5.4xlarge (no zone had one in the snapshot)', () => {
    const unrecorded = INSTANCE_TYPES.filter((t) => t.acceleratorId != null && t.onDemandPricePerHourUsd['us-east-1'] !== undefined)
      .filter((t) => recordedSpotPrice(t.name, 'us-east-1') === undefined).map((t) => t.name);
    expect(unrecorded).toEqual(['p5.4xlarge']);
  });

  test('GIVEN any row THEN it names its source (repository, path, full commit, link to that version) and its date', () => {
    for (const row of RECORDED_SPOT_PRICES) {
      expect(row.source).toEqual({
        repository: expect.stringMatching(/^[\w.-]+\/[\w.-]+$/),
        path: expect.stringMatching(/\.csv$/),
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        url: `https://github.com/${row.source.repository}/blob/${row.source.commit}/${row.source.path}`,
      });
      expect(row.observed.notAfter).toMatch(ISO_DATE);
      expect(row.observed.snapshot).toContain(row.source.commit.slice(0, 12));
    }
  });

  test('GIVEN any row THEN min <= median <= max <= On-Demand, over at least one zone, and the source agrees on On-Demand', () => {
    for (const row of RECORDED_SPOT_PRICES) {
      const where = `${row.instanceType} ${row.region}`;
      expect({ where, zones: row.availabilityZones.length > 0 }).toEqual({ where, zones: true });
      expect({ where, ordered: row.minPricePerHourUsd <= row.medianPricePerHourUsd && row.medianPricePerHourUsd <= row.maxPricePerHourUsd }).toEqual({ where, ordered: true });
      // EC2 launches Spot "at the current Spot price, not exceeding the On-Demand price" (EC2 User Guide).
      expect({ where, belowOnDemand: row.maxPricePerHourUsd <= row.onDemandPricePerHourUsd }).toEqual({ where, belowOnDemand: true });
      if (row.sourceOnDemandPricePerHourUsd !== undefined) expect({ where, od: row.sourceOnDemandPricePerHourUsd }).toEqual({ where, od: row.onDemandPricePerHourUsd });
    }
  });

  test('GIVEN g5.xlarge in us-east-1 THEN the median of its five zones is recorded, and an unrecorded type has none', () => {
    expect(recordedSpotPrice('g5.xlarge', 'us-east-1')).toMatchObject({
      medianPricePerHourUsd: 0.4886, maxPricePerHourUsd: 0.507, minPricePerHourUsd: 0.4591,
      availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4', 'use1-az5', 'use1-az6'],
    });
    expect(recordedSpotPrice('g5.xlarge', 'eu-west-1')).toBeUndefined();
    expect(recordedSpotPrice('m7i.large', 'us-east-1')).toBeUndefined();
  });

  test('GIVEN the committed excerpt THEN tools/spot-prices.js rebuilds the committed data file exactly', () => {
    const excerpt = readFileSync(join(__dirname, '../../lib/catalogue/data/aws-spot-prices.source.csv'), 'utf8');
    const { commit } = spotPriceData.prices[0].source;
    expect(buildSpotPrices(excerpt, commit, spotPriceData.retrieved, instanceTypeData)).toEqual(spotPriceData);
  });

  test('GIVEN a quoted GpuInfo column, a zone without a Spot price and a CPU type THEN only priced accelerator rows count', () => {
    const csv = [
      'InstanceType,AcceleratorName,GpuInfo,Price,SpotPrice,Region,AvailabilityZone',
      'g6.xlarge,L4,"{\'Gpus\': [{\'Name\': \'L4\', \'Count\': 1}]}",0.8048,0.30,us-east-1,use1-az1',
      'g6.xlarge,L4,"{\'Gpus\': [{\'Name\': \'L4\', \'Count\': 1}]}",0.8048,,us-east-1,use1-az2',
      'g6.xlarge,L4,"{\'Gpus\': [{\'Name\': \'L4\', \'Count\': 1}]}",0.8048,0.40,us-east-1,use1-az4',
      'm7i.large,,,0.1008,0.05,us-east-1,use1-az1',
      'g6.xlarge,L4,,0.9,0.35,eu-west-1,euw1-az1',
    ].join('\n');
    const built = buildSpotPrices(csv, 'a'.repeat(40), '2026-12-03', instanceTypeData);
    expect(built.prices).toHaveLength(1);
    expect(built.prices[0]).toMatchObject({ instanceType: 'g6.xlarge', medianPricePerHourUsd: 0.35, maxPricePerHourUsd: 0.4, availabilityZones: ['use1-az1', 'use1-az4'] });
  });
});
