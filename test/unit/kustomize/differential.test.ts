/**
 * The built-in engine against the exact one: every kustomization folder of
 * test/fixtures/kustomize is built with `kubectl kustomize` and with the
 * built-in builder, and both must yield the same resources (parsed objects
 * compared, list order included; the DaemonSets above all). The kubectl is
 * the project's own (scripts/obtainTools.mjs: from a dev dependency, so a
 * fresh clone after `npm ci` has it); set KUBECTL to compare with another.
 * Without one this test fails, it is never skipped.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { obtainKubectl } from '../../../scripts/obtainTools.mjs';
import { buildKustomization } from '../../../server/src/kustomize/builder';
import { kustomizationIn } from '../../../server/src/kustomize/discovery';
import { readFromDisk } from '../../../server/src/kustomize/diskReader';
import { loadApiModel } from '../../../server/src/languageService/apiModel';

const fixtures = resolve(__dirname, '../../fixtures/kustomize');
const kubectl = process.env.KUBECTL ?? obtainKubectl();

/** What the built-in engine must warn about, by overlay: what Kustomize does that no API server takes. */
const EXPECTED_WARNINGS: Record<string, RegExp[]> = {
  'log-collector/overlays/directives': [/`\$retainKeys` directive/, /`\$setElementOrder\/…` directive/, /`\$deleteFromPrimitiveList\/…` directive/],
};

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

interface Resource {
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** Resources by kind, namespace and name (kubectl sorts its output, the built-in engine keeps the resources' order). */
const byId = (objects: unknown[]) => Object.fromEntries((objects as Resource[]).map((o) => [`${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));

describe('built-in Kustomize engine = kubectl kustomize, on every fixture overlay', () => {
  it('has kubectl to compare with (this test fails rather than skip without it)', () => {
    const version = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    assert.match(version, /kustomizeVersion/);
  });

  const folders = kustomizationFolders(fixtures);
  it('finds the fixture overlays', () => assert.ok(folders.length >= 8, folders.join(', ')));

  for (const folder of folders) {
    const name = relative(fixtures, folder);
    it(`builds ${name} to the same resources`, () => {
      const exact = execFileSync(kubectl, ['kustomize', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const theirs = byId(parseAllDocuments(exact).map((d) => d.toJSON() as unknown));
      const build = buildKustomization(folder, { model: loadApiModel(), read: readFromDisk });
      const ours = byId(build.resources.map((r) => JSON.parse(JSON.stringify(r.object)) as unknown));
      assert.ok(Object.values(theirs).some((o) => o.kind === 'DaemonSet'), 'the overlay builds at least one DaemonSet');
      assert.deepEqual(ours, theirs);
      const expected = EXPECTED_WARNINGS[name] ?? [];
      assert.equal(build.warnings.length, expected.length, build.warnings.join('\n'));
      for (const pattern of expected) assert.ok(build.warnings.some((w) => pattern.test(w)), `${pattern} in ${build.warnings.join('\n')}`);
    });
  }
});
