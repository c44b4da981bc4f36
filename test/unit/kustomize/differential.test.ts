/**
 * The built-in engine against the exact one: every kustomization folder of
 * test/fixtures/kustomize is built with `kubectl kustomize` and with the
 * built-in builder, and both must yield the same DaemonSets (parsed objects
 * compared, list order included). kubectl is required: without it this test
 * fails, it is never skipped (set KUBECTL to another kubectl binary).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../server/src/kustomize/builder';
import { kustomizationIn } from '../../../server/src/kustomize/discovery';
import { readFromDisk } from '../../../server/src/kustomize/diskReader';
import { loadApiModel } from '../../../server/src/languageService/apiModel';

const fixtures = resolve(__dirname, '../../fixtures/kustomize');
const kubectl = process.env.KUBECTL ?? 'kubectl';

function kustomizationFolders(dir: string): string[] {
  const out: string[] = [];
  const found = kustomizationIn(dir, readFromDisk);
  if (found && 'kustomization' in found && found.kustomization.kind === 'Kustomization') out.push(dir);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...kustomizationFolders(path));
  }
  return out;
}

const daemonSets = (objects: unknown[]) =>
  Object.fromEntries(objects.filter((o): o is { kind: string; metadata: { name: string } } => (o as { kind?: string } | null)?.kind === 'DaemonSet').map((o) => [o.metadata.name, o]));

describe('built-in Kustomize engine = kubectl kustomize, on every fixture overlay', () => {
  it('has kubectl to compare with (this test fails rather than skip without it)', () => {
    const version = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    assert.match(version, /kustomizeVersion/);
  });

  const folders = kustomizationFolders(fixtures);
  it('finds the fixture overlays', () => assert.ok(folders.length >= 4, folders.join(', ')));

  for (const folder of folders) {
    it(`builds ${relative(fixtures, folder)} to the same DaemonSets`, () => {
      const exact = execFileSync(kubectl, ['kustomize', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const theirs = daemonSets(parseAllDocuments(exact).map((d) => d.toJSON() as unknown));
      const build = buildKustomization(folder, { model: loadApiModel(), read: readFromDisk });
      const ours = daemonSets(build.resources.map((r) => JSON.parse(JSON.stringify(r.object)) as unknown));
      assert.ok(Object.keys(theirs).length > 0, 'the overlay builds at least one DaemonSet');
      assert.deepEqual(ours, theirs);
      assert.deepEqual(build.warnings, []);
    });
  }
});
