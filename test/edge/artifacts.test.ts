import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseArtifacts, sha256Hex, stageReleaseArtifacts } from '../../lib/edge/artifacts';

const app = new TextEncoder().encode('app archive');
const model = new TextEncoder().encode('model v1');

describe('release artifacts', () => {
  test('THEN keys carry the component version and a digest of both files', () => {
    const a = releaseArtifacts('greengrass/com.example.X/', '1.2.0', app, model);
    expect(a.keyPrefix).toMatch(/^greengrass\/com\.example\.X\/1\.2\.0\/[0-9a-f]{16}\/$/);
    expect(a.appArchive).toMatchObject({ key: `${a.keyPrefix}edge-inference-app.zip`, sha256: sha256Hex(app) });
    expect(a.model).toMatchObject({ key: `${a.keyPrefix}model.onnx`, sha256: sha256Hex(model) });
  });

  test('GIVEN changed bytes under the same version THEN the keys change (the published objects stay untouched)', () => {
    const before = releaseArtifacts('p/', '1.0.0', app, model);
    expect(releaseArtifacts('p/', '1.0.0', app, new TextEncoder().encode('model v2')).keyPrefix).not.toBe(before.keyPrefix);
    expect(releaseArtifacts('p/', '1.0.0', new TextEncoder().encode('app v2'), model).keyPrefix).not.toBe(before.keyPrefix);
    expect(releaseArtifacts('p/', '1.0.0', app, model).keyPrefix).toBe(before.keyPrefix);
  });

  test('WHEN staged (twice) THEN the files sit under their S3 keys in one folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'edge-stage-'));
    try {
      const artifacts = releaseArtifacts('greengrass/c/', '1.0.0', app, model);
      const first = stageReleaseArtifacts(artifacts, root);
      const second = stageReleaseArtifacts(artifacts, root);
      expect(second).toEqual(first);
      expect(readFileSync(join(first.directory, ...artifacts.model.key.split('/')), 'utf8')).toBe('model v1');
      expect(first.files[artifacts.appArchive.key]).toBe(join(first.directory, ...artifacts.appArchive.key.split('/')));
      expect(existsSync(`${first.directory}.tmp-${process.pid}`)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
