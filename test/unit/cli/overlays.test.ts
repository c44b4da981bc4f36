import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { obtainKubectl } from '../../../scripts/obtainTools.mjs';
import { cli, repoRoot } from './runCli';

interface CheckJson {
  files: Array<{ path: string; diagnostics: Array<{ line: number; column: number; severity: string; code: string; message: string }> }>;
}

const fixture = join(repoRoot, 'test/fixtures/kustomize/node-agent');

describe('check and place on a kustomization folder', () => {
  let dir: string;
  let rel: (path: string) => string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dst-cli-overlay-'));
    cpSync(fixture, dir, { recursive: true });
    rel = (path) => relative(repoRoot, join(dir, path));
    // a mistake in a patch and one in the base, both only visible in the build as a whole
    const patch = join(dir, 'overlays/prod/agent-resources.yaml');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('              value: prod-eu\n', '              value: prod-eu\n          imagePullPolicy: Sometimes\n'));
    const base = join(dir, 'base/daemonset.yaml');
    writeFileSync(base, readFileSync(base, 'utf8').replace('      component: agent\n  updateStrategy', '      component: agent-x\n  updateStrategy'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const engine of ['builtin', 'kubectl']) {
    it(`reports the build's findings at the patch and base lines (--engine ${engine})`, async () => {
      // the kubectl engine runs the project's own kubectl (a fresh machine need not have one on PATH)
      const { code, stdout } = await cli('check', '--format', 'json', '--engine', engine, ...(engine === 'kubectl' ? ['--kubectl', obtainKubectl()] : []), rel('overlays/prod'));
      assert.equal(code, 1);
      const json = JSON.parse(stdout) as CheckJson;
      const errors = json.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.path}:${d.line} ${d.code}`));
      assert.deepEqual(errors.sort(), [`${rel('base/daemonset.yaml')}:18 selector-mismatch`, `${rel('overlays/prod/agent-resources.yaml')}:15 invalid-enum`].sort());
      const selector = json.files.find((f) => f.path === rel('base/daemonset.yaml'))?.diagnostics.find((d) => d.code === 'selector-mismatch');
      assert.match(selector?.message ?? '', /in the build of/);
    });
  }

  it('reports an overlay that does not build on its kustomization', async () => {
    const broken = join(dir, 'overlays/broken');
    cpSync(join(dir, 'overlays/windows'), broken, { recursive: true });
    writeFileSync(join(broken, 'kustomization.yaml'), 'resources:\n  - ../../base\n  - missing.yaml\n');
    const { code, stdout } = await cli('check', '--format', 'json', '--engine', 'builtin', rel('overlays/broken'));
    assert.equal(code, 1);
    const json = JSON.parse(stdout) as CheckJson;
    const kustomization = json.files.find((f) => f.path === rel('overlays/broken/kustomization.yaml'));
    assert.deepEqual(kustomization?.diagnostics.map((d) => [d.line, d.code]), [[3, 'kustomize-build']]);
    assert.match(kustomization?.diagnostics[0].message ?? '', /missing\.yaml/);
  });

  it('places the built DaemonSets, each at the base resource that defines it, in the unchanged JSON shape', async () => {
    const { code, stdout } = await cli('place', '--cluster', 'profiles/sample.profile.yaml', '--format', 'json', '--engine', 'builtin', 'test/fixtures/kustomize/node-agent/overlays/canary');
    assert.equal(code, 0);
    const json = JSON.parse(stdout) as { daemonSets: Array<{ name: string; namespace: string; file: string; line: number; summary: { runs: number } }> };
    assert.deepEqual(json.daemonSets.map((d) => [d.name, d.namespace, d.file, d.line]), [
      ['prod-node-agent-canary', 'monitoring', 'test/fixtures/kustomize/node-agent/base/daemonset.yaml', 2],
      ['probe-agent-canary', 'default', 'test/fixtures/kustomize/node-agent/overlays/canary/extra-agents.yaml', 4],
    ]);
    assert.deepEqual(Object.keys(json.daemonSets[0]), ['name', 'namespace', 'file', 'line', 'nodes', 'summary']);
  });

  it('places the overlay a patch file belongs to (as the editor does), not the partial DaemonSet of the patch', async () => {
    const overlay = 'test/fixtures/kustomize/node-agent/overlays/prod';
    const { code, stdout } = await cli('place', '--cluster', 'profiles/sample.profile.yaml', '--format', 'json', '--engine', 'builtin', `${overlay}/node-selector.yaml`, `${overlay}/agent-args.yaml`, overlay);
    assert.equal(code, 0);
    const json = JSON.parse(stdout) as { daemonSets: Array<{ name: string; file: string; line: number; summary: { runs: number } }> };
    // one overlay, placed once; the base's os selector and the patch's pool selector both count
    assert.deepEqual(json.daemonSets.map((d) => [d.name, d.file, d.line]), [['prod-node-agent', 'test/fixtures/kustomize/node-agent/base/daemonset.yaml', 2]]);
    assert.equal(json.daemonSets[0].summary.runs, 0);
  });

  it('says so when a patch file belongs to an overlay that does not build', async () => {
    const orphan = join(dir, 'orphan');
    cpSync(join(dir, 'overlays/prod'), orphan, { recursive: true });
    const { code, stderr } = await cli('place', '--cluster', 'profiles/sample.profile.yaml', '--engine', 'builtin', rel('orphan/node-selector.yaml'));
    assert.equal(code, 2);
    assert.match(stderr, /node-selector\.yaml belongs to the overlay .*orphan, which does not build: .*\.\.\/\.\.\/base/);
  });

  it('says when the kubectl engine is asked for and kubectl is not there', async () => {
    const { code, stderr } = await cli('place', '--cluster', 'profiles/sample.profile.yaml', '--engine', 'kubectl', '--kubectl', '/nonexistent/kubectl', 'test/fixtures/kustomize/node-agent/overlays/prod');
    assert.equal(code, 2);
    assert.match(stderr, /kubectl not found: \/nonexistent\/kubectl/);
  });
});
