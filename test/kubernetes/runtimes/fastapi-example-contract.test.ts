/**
 * examples/fastapi-service keeps the contract its example spec declares (examples/specs/custom-fastapi-eks.yaml)
 * and the platform's side of it (MODEL_DIR, API_KEY, the non-root UID): read from the source files, no Python run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER_USER_ID } from '../../../lib/kubernetes/runtimes/container/context';
import { API_KEY_ENV, MODEL_DIR_ENV } from '../../../lib/spec/container-contract';
import { checkSpecFile } from '../../../lib/spec/check-spec';
import { API_KEY_ENV_NAMES } from '../../../lib/validation/deployability/exposure';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const main = read('examples/fastapi-service/main.py');
const dockerfile = read('examples/fastapi-service/Dockerfile');
const requirements = read('examples/fastapi-service/requirements.txt');
const contract = checkSpecFile(join(ROOT, 'examples/specs/custom-fastapi-eks.yaml')).file.spec.runtime.container!;

describe('examples/fastapi-service and its contract', () => {
  test('listens on the contract port (main.py default, Dockerfile PORT and EXPOSE)', () => {
    expect(main).toContain(`os.environ.get("PORT", "${contract.port}")`);
    expect(dockerfile).toMatch(new RegExp(`PORT=${contract.port}\\b`));
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${contract.port}$`, 'm'));
  });

  test('serves the health, readiness and metrics paths, and leaves them open', () => {
    for (const path of [contract.healthPath, contract.readinessPath, contract.metricsPath]) {
      expect(main).toContain(`@app.get("${path}")`);
      expect(main).toMatch(new RegExp(`OPEN_PATHS = \\{[^}]*"${path}"`));
    }
  });

  test('exports the counter the scale metric reads', () => {
    const name = /(\w+)\$SELECTOR/.exec(contract.scaleMetric!)![1];
    expect(main).toContain(`Counter("${name}"`);
  });

  test('reads the model from MODEL_DIR and the key from API_KEY, a name the exposure check recognises', () => {
    expect(main).toContain(`os.environ["${MODEL_DIR_ENV}"]`);
    expect(main).toContain(`os.environ.get("${API_KEY_ENV}"`);
    expect(API_KEY_ENV_NAMES).toContain(API_KEY_ENV);
  });

  test('checks Authorization: Bearer on the model route, as checksBearerApiKey declares', () => {
    expect(contract.checksBearerApiKey).toBe(true);
    expect(main).toMatch(/scheme\.lower\(\) != "bearer"/);
    expect(main).toContain('hmac.compare_digest');
    expect(main).toMatch(/@app\.post\("\/predict", dependencies=\[Depends\(require_api_key\)\]\)/);
  });

  test('runs as the non-root UID the pod runs as, on a python slim base pinned by tag, with pinned requirements', () => {
    expect(dockerfile).toMatch(new RegExp(`^USER ${CONTAINER_USER_ID}$`, 'm'));
    expect(dockerfile).toMatch(/^FROM python:\d+\.\d+\.\d+-slim$/m);
    const lines = requirements.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^[\w-]+==\d+(\.\d+)+$/);
  });
});
