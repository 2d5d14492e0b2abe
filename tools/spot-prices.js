#!/usr/bin/env node
/**
 * Builds lib/catalogue/data/aws-spot-prices.json, the recorded Spot prices the planner shows beside On-Demand
 * (lib/planner/spot.ts), from SkyPilot's public AWS catalogue: catalogs/v8/aws/vms.csv in the GitHub repository
 * skypilot-org/skypilot-catalog. Each row of that file is one instance type in one Availability Zone with the
 * Linux/UNIX Spot price in effect when SkyPilot's `update-aws-catalog` workflow last ran (its fetch_aws.py calls
 * EC2 DescribeSpotPriceHistory with ProductDescriptions=['Linux/UNIX'] and StartTime=now; the workflow runs every
 * 7 hours, per .github/workflows/update-aws-catalog.yml; both read 2026-12-03).
 *
 * For every accelerator instance type of our AWS catalogue (lib/catalogue/data/instance-types.json) in each region
 * the catalogue prices, it records the median Spot price across the zones of that snapshot (the planner's figure),
 * the maximum (the conservative one: the dearest zone Karpenter may launch in) and the minimum, with the source
 * (repository, path, commit) on every row. Types or regions the file has no Spot price for get no row, and the
 * plan says "spot price unknown" for them.
 *
 *   node tools/spot-prices.js <vms.csv> <commit> <retrieved YYYY-MM-DD> [out.json]
 *
 * `vms.csv` may be the whole file or an excerpt with at least the columns InstanceType, SpotPrice, Region,
 * AvailabilityZone (Price is copied when present). The committed data was built from the excerpt
 * lib/catalogue/data/aws-spot-prices.source.csv: the us-east-1 rows of the types listed there, copied verbatim from
 * the file at the commit named in the JSON (our tools could read that file page by page but not download it whole;
 * rerun this script on the whole file to add the other types). Plain JavaScript with no dependencies, like
 * tools/generate-spec-schema.js; it never reaches the network.
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const CATALOGUE = join(ROOT, 'lib', 'catalogue', 'data', 'instance-types.json');
const DEFAULT_OUT = join(ROOT, 'lib', 'catalogue', 'data', 'aws-spot-prices.json');
const REPOSITORY = 'skypilot-org/skypilot-catalog';
const PATH = 'catalogs/v8/aws/vms.csv';

/** Splits one CSV line, honouring double-quoted fields (vms.csv quotes its GpuInfo column). */
function splitCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; } else field += c;
  }
  fields.push(field);
  return fields;
}

function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const values = splitCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
  });
}

function median(sorted) {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round4 = (x) => Math.round(x * 1e4) / 1e4;

/** The data file's object for the rows of `csvText` (pure; the test of this script calls it). */
function buildSpotPrices(csvText, commit, retrieved, catalogue) {
  const wanted = new Map(catalogue.instanceTypes
    .filter((t) => t.acceleratorId != null && t.cloud === undefined)
    .map((t) => [t.name, t]));
  const groups = new Map();
  for (const row of parseCsv(csvText)) {
    const type = wanted.get(row.InstanceType);
    const spot = Number.parseFloat(row.SpotPrice);
    if (!type || !Number.isFinite(spot) || type.onDemandPricePerHourUsd[row.Region] === undefined) continue;
    const key = `${row.InstanceType} ${row.Region}`;
    const group = groups.get(key) ?? { type, region: row.Region, zones: [], sourceOnDemand: Number.parseFloat(row.Price) };
    group.zones.push({ zone: row.AvailabilityZone, spot });
    groups.set(key, group);
  }
  const source = {
    repository: REPOSITORY,
    path: PATH,
    commit,
    url: `https://github.com/${REPOSITORY}/blob/${commit}/${PATH}`,
  };
  const prices = [...groups.values()]
    .sort((a, b) => a.type.name.localeCompare(b.type.name) || a.region.localeCompare(b.region))
    .map((g) => {
      const sorted = g.zones.map((z) => z.spot).sort((a, b) => a - b);
      return {
        instanceType: g.type.name,
        region: g.region,
        productDescription: 'Linux/UNIX',
        medianPricePerHourUsd: round4(median(sorted)),
        maxPricePerHourUsd: round4(sorted[sorted.length - 1]),
        minPricePerHourUsd: round4(sorted[0]),
        availabilityZones: g.zones.map((z) => z.zone).sort(),
        onDemandPricePerHourUsd: g.type.onDemandPricePerHourUsd[g.region],
        ...(Number.isFinite(g.sourceOnDemand) ? { sourceOnDemandPricePerHourUsd: g.sourceOnDemand } : {}),
        source,
        observed: {
          snapshot: `the Spot price in effect in each zone when the catalogue at commit ${commit.slice(0, 12)} was refreshed`,
          notAfter: retrieved,
        },
      };
    });
  return {
    description: 'Recorded EC2 Spot prices (Linux/UNIX) of the accelerator instance types in instance-types.json, '
      + 'per type and region: the median across Availability Zones (the plan\'s Spot figure), the maximum (the '
      + 'conservative one) and the minimum, from one snapshot of SkyPilot\'s public AWS catalogue. Spot prices move '
      + 'with supply and demand; today\'s are at https://aws.amazon.com/ec2/spot/pricing/. Built by tools/spot-prices.js.',
    statistic: 'median, max and min across the Availability Zones of one snapshot',
    retrieved,
    prices,
  };
}

function main(argv) {
  const [csvPath, commit, retrieved, out = DEFAULT_OUT] = argv;
  if (!csvPath || !/^[0-9a-f]{40}$/.test(commit ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(retrieved ?? '')) {
    console.error('usage: node tools/spot-prices.js <vms.csv> <40-hex commit> <retrieved YYYY-MM-DD> [out.json]');
    process.exit(2);
  }
  const catalogue = JSON.parse(readFileSync(CATALOGUE, 'utf8'));
  const data = buildSpotPrices(readFileSync(csvPath, 'utf8'), commit, retrieved, catalogue);
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`${data.prices.length} Spot price rows written to ${out}`);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { buildSpotPrices, parseCsv };
