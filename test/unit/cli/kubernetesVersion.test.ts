import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from './runCli';

const AGENT = 'test/fixtures/config/versions/agent.yaml';

interface Json { files: Array<{ diagnostics: Array<{ code: string; line: number; message: string }> }> }
const versionFindings = (stdout: string) => (JSON.parse(stdout) as Json).files.flatMap((f) => f.diagnostics).filter((d) => d.code === 'field-not-in-version');

describe('check --kubernetes-version', () => {
  it('takes the target version from .daemonset-tools.yaml: a field added later is an error', async () => {
    const { code, stdout } = await cli('check', '--format', 'json', AGENT);
    assert.deepEqual(versionFindings(stdout).map((d) => `${d.line} ${d.message}`), ['12 `hostnameOverride` requires Kubernetes 1.34 or later; target is 1.33: remove it, or target 1.34 or later (kubernetesVersion) if your clusters run it']);
    assert.equal(code, 1);
  });

  it('the command line wins over the file', async () => {
    const { code, stdout } = await cli('check', '--format', 'json', '--kubernetes-version', '1.34', AGENT);
    assert.deepEqual(versionFindings(stdout), []);
    assert.equal(code, 0);
  });

  it('a field behind a feature gate off by default in the target version is a warning (exit 0), and only there', async () => {
    const gated = (stdout: string) => (JSON.parse(stdout) as Json).files.flatMap((f) => f.diagnostics).filter((d) => d.code === 'feature-gate-off');
    const alpha = await cli('check', '--format', 'json', '--kubernetes-version', '1.34', AGENT);
    assert.deepEqual(gated(alpha.stdout).map((d) => `${d.line} ${d.message}`), [
      '12 `hostnameOverride` needs the HostnameOverride feature gate, off by default in Kubernetes 1.34 (alpha; on by default from 1.35): the API server drops it unless the cluster enables the gate: enable it (--feature-gates=HostnameOverride=true), or remove the field',
    ]);
    assert.equal(alpha.code, 0);
    const beta = await cli('check', '--kubernetes-version', '1.35', AGENT);
    assert.doesNotMatch(beta.stdout, /feature-gate-off/);
    // 1.33 lacks the field: the error alone, no warning on top
    const old = await cli('check', '--format', 'json', '--kubernetes-version', '1.33', AGENT);
    assert.deepEqual(gated(old.stdout), []);
    assert.equal(versionFindings(old.stdout).length, 1);
  });

  it('refuses a version the model does not support, naming the supported ones', async () => {
    const { code, stderr } = await cli('check', '--kubernetes-version', '1.29', AGENT);
    assert.equal(code, 2);
    assert.match(stderr, /--kubernetes-version must be one of 1\.33, 1\.34, 1\.35, 1\.36 \(got 1\.29\)/);
  });
});
