import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PICTURES, currentManifest, stalePictures } from '../../../scripts/readmePictures.mjs';

const root = join(__dirname, '..', '..', '..');

describe('the README\'s pictures', () => {
  it('are as new as what they show (else run `npm run screenshots`)', () => {
    assert.deepEqual(stalePictures(root), []);
  });

  it('are all shown in the README, and small', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of Object.keys(PICTURES)) {
      assert.ok(readme.includes(`](docs/images/${name})`), `README.md shows docs/images/${name}`);
      assert.ok(statSync(join(root, 'docs/images', name)).size < 1.5 * 1024 * 1024, `docs/images/${name} is under 1.5 MB`);
    }
  });

  it('go stale when an example they show changes', () => {
    const work = mkdtempSync(join(tmpdir(), 'dst-pictures-'));
    try {
      mkdirSync(join(work, 'docs/images'), { recursive: true });
      mkdirSync(join(work, 'examples'));
      writeFileSync(join(work, 'examples/fluentd.yaml'), 'kind: DaemonSet\n');
      for (const name of Object.keys(PICTURES)) writeFileSync(join(work, 'docs/images', name), '');
      writeFileSync(join(work, 'docs/images/manifest.json'), JSON.stringify(currentManifest(work)));
      assert.deepEqual(stalePictures(work), []);
      writeFileSync(join(work, 'examples/fluentd.yaml'), 'kind: DaemonSet\nmetadata: {name: changed}\n');
      assert.deepEqual(stalePictures(work).map((why) => why.split(' ')[0]), ['docs/images/completion.png', 'docs/images/hover.png']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
