import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../../server/src/config/readConfig';
import { globToRegExp } from '../../../server/src/config/glob';
import { cli } from './runCli';

const TEAM = 'test/fixtures/config/team';

interface Json { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string }> }> }

describe('.daemonset-tools.yaml', () => {
  it('check finds it above the file: its severities apply, its ignored files are skipped', async () => {
    const { code, stdout } = await cli('check', '--format', 'json', TEAM);
    const report = JSON.parse(stdout) as Json;
    assert.deepEqual(report.files.map((f) => f.path), [`${TEAM}/apps/agent.yaml`], 'vendor/** is ignored');
    const found = report.files[0].diagnostics;
    assert.equal(found.find((d) => d.code === 'image-tag')?.severity, 'error', 'image-tag raised to error');
    assert.ok(!found.some((d) => d.code === 'no-liveness-probe'), 'no-liveness-probe off');
    assert.equal(code, 1, 'an error fails the run');
  });

  it('--rule on the command line wins over the file', async () => {
    const { code, stdout } = await cli('check', '--format', 'json', '--rule', 'image-tag=warning', TEAM);
    assert.equal((JSON.parse(stdout) as Json).files[0].diagnostics.find((d) => d.code === 'image-tag')?.severity, 'warning');
    assert.equal(code, 0);
  });

  it('--config names the file for every input', async () => {
    const { stdout } = await cli('check', '--format', 'json', '--config', `${TEAM}/.daemonset-tools.yaml`, 'examples/fluentd.yaml');
    assert.ok(!(JSON.parse(stdout) as Json).files[0].diagnostics.some((d) => d.code === 'no-liveness-probe'));
  });

  it('place takes the default profile from it', async () => {
    const { code, stdout, stderr } = await cli('place', '--format', 'json', `${TEAM}/apps/agent.yaml`);
    assert.equal(code, 0, stderr);
    assert.equal((JSON.parse(stdout) as { cluster: { name: string } }).cluster.name, 'guide-cluster');
  });

  it('config --print shows the effective configuration and where it comes from', async () => {
    const { code, stdout } = await cli('config', '--print', `${TEAM}/apps`);
    assert.equal(code, 0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    assert.match(String(printed.configFile), /team\/\.daemonset-tools\.yaml$/);
    assert.deepEqual(printed.rules, { 'no-liveness-probe': 'off', 'image-tag': 'error' });
    assert.equal(printed.kubernetesVersion, '1.36');
    const none = JSON.parse((await cli('config', '--print', '/')).stdout) as Record<string, unknown>;
    assert.equal(none.configFile, null);
  });

  it('a broken file is refused with every problem and its position (exit 2)', async () => {
    const { problems } = readConfig('kubernetesVersion: 1.3x\nrules:\n  image-tagg: error\n  no-memory-limit: loud\nignore: vendor\nprofle: x.yaml\nhelm: {engine: go}\n');
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '1:20 kubernetesVersion is one of 1.33, 1.34, 1.35, 1.36 (got 1.3x): use one of them, the Kubernetes versions this release checks against',
      "3:3 unknown rule id `image-tagg`: correct it, or remove it (the README's rules table lists the ids)",
      '4:20 rules.no-memory-limit is one of off, error, warning, information, hint (got loud): use one of them',
      '5:9 ignore is a list of strings: write each as a `- ` item',
      '6:1 unknown setting `profle` in the configuration (known: kubernetesVersion, rules, ignore, profile, helm, kustomize): remove it, or correct its name',
      '7:16 helm.engine is one of helm, builtin (got go): use one of them',
    ]);
    const { code, stderr } = await cli('check', '--config', 'test/fixtures/manifests/valid/fluent-bit.yaml', 'examples/fluentd.yaml');
    assert.equal(code, 2);
    assert.match(stderr, /invalid configuration .*fluent-bit\.yaml:\n(.*\n)*.*fluent-bit\.yaml:\d+:1 unknown setting `apiVersion` in the configuration/);
  });

  it('reads a bare `off` (YAML 1.1 false) as off', () => {
    assert.deepEqual({ ...readConfig('rules:\n  image-tag: off\n').config.rules }, { 'image-tag': 'off' });
  });

  it('keeps `1.30` as written, which YAML would read as the number 1.3', () => {
    assert.equal(readConfig('kubernetesVersion: 1.34\n').config.kubernetesVersion, '1.34');
    assert.match(readConfig('kubernetesVersion: 1.30\n').problems[0]?.message ?? '', /kubernetesVersion is one of 1\.33, 1\.34, 1\.35, 1\.36 \(got 1\.30\)/);
  });

  it('a file naming an unsupported kubernetesVersion is refused by check, with the supported versions (exit 2)', async () => {
    const { code, stderr } = await cli('check', '--config', 'test/fixtures/config/unsupported-version.daemonset-tools.yaml', 'examples/fluentd.yaml');
    assert.equal(code, 2);
    assert.match(stderr, /invalid configuration .*unsupported-version\.daemonset-tools\.yaml:\n.*:1:20 kubernetesVersion is one of 1\.33, 1\.34, 1\.35, 1\.36 \(got 1\.30\): use one of them/);
  });

  it('ignore globs: ** any folders, * within a name, bare names at any depth', () => {
    const matches = (glob: string, path: string) => globToRegExp(glob).test(path);
    assert.ok(matches('vendor/**', 'vendor/a/b.yaml'));
    assert.ok(matches('vendor/', 'vendor/b.yaml'));
    assert.ok(!matches('vendor/**', 'apps/vendor/b.yaml'));
    assert.ok(matches('*.generated.yaml', 'apps/x.generated.yaml'));
    assert.ok(matches('**/tmp/*.yaml', 'a/b/tmp/c.yaml'));
    assert.ok(matches('charts/{a,b}/**', 'charts/b/values.yaml'));
    assert.ok(!matches('charts/{a,b}/**', 'charts/c/values.yaml'));
  });
});
