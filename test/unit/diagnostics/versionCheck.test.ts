import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, daemonSet } from './helpers';

const withRestartRules = daemonSet('', '          restartPolicy: Always\n          restartPolicyRules:\n            - action: Restart\n              exitCodes: {operator: In, values: [42]}\n');

describe('field-not-in-version', () => {
  it('is an error on a field newer than the target version, naming both versions', () => {
    const findings = check(withRestartRules, { kubernetesVersion: '1.33' }).findings.filter((f) => f.code === 'field-not-in-version');
    assert.equal(findings.length, 1, 'once, at the key: nothing below it is checked again');
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].text, 'restartPolicyRules');
    assert.equal(findings[0].message, '`restartPolicyRules` requires Kubernetes 1.34 or later; target is 1.33: remove it, or target 1.34 or later (kubernetesVersion) if your clusters run it');
  });

  it('says nothing when the target version has the field, or by default (the newest)', () => {
    assert.deepEqual(check(withRestartRules, { kubernetesVersion: '1.34' }).findings.filter((f) => f.code === 'field-not-in-version'), []);
    assert.deepEqual(check(withRestartRules).findings.filter((f) => f.code === 'field-not-in-version'), []);
  });

  it('offers removing the field (not as the preferred fix: raising the target is the other way out)', () => {
    const finding = check(withRestartRules, { kubernetesVersion: '1.33' }).findings.find((f) => f.code === 'field-not-in-version')!;
    assert.equal(finding.fixes?.[0].isPreferred, false);
    const fixed = applyFix(withRestartRules, finding);
    assert.ok(!fixed.includes('restartPolicyRules'));
    assert.deepEqual(check(fixed, { kubernetesVersion: '1.33' }).findings.filter((f) => f.severity === 'error'), []);
  });

  it('follows the version across the pod spec (schedulingGroup is 1.36 only)', () => {
    const text = daemonSet('      schedulingGroup:\n        podGroupName: agents\n');
    assert.deepEqual(check(text, { kubernetesVersion: '1.35' }).findings.map((f) => `${f.line} ${f.code}`), ['15 field-not-in-version']);
    // 1.36 has it, behind GenericWorkload (alpha, off): a warning, not an error
    assert.deepEqual(check(text, { kubernetesVersion: '1.36' }).findings.map((f) => `${f.line} ${f.code} ${f.severity}`), ['15 feature-gate-off warning']);
  });
});

const podLevelResources = daemonSet('      resources:\n        requests: {cpu: 500m}\n');
const gateFindings = (text: string, kubernetesVersion?: string) => check(text, { kubernetesVersion }).findings.filter((f) => f.code === 'feature-gate-off' || f.code === 'field-not-in-version');

describe('feature-gate-off', () => {
  it('warns where the gate is off by default (PodLevelResources: alpha in 1.33, beta and on from 1.34)', () => {
    const findings = gateFindings(podLevelResources, '1.33');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].text, 'resources');
    assert.equal(
      findings[0].message,
      '`resources` needs the PodLevelResources feature gate, off by default in Kubernetes 1.33 (alpha; on by default from 1.34): the API server drops it unless the cluster enables the gate: enable it (--feature-gates=PodLevelResources=true), or remove the field',
    );
    for (const version of ['1.34', '1.35', '1.36', undefined]) assert.deepEqual(gateFindings(podLevelResources, version), [], `target ${version ?? 'default'}`);
  });

  it('follows each version: ImageVolume off in 1.33 and 1.34 (beta), on from 1.35', () => {
    const text = daemonSet('      volumes:\n        - name: tools\n          image: {reference: example.com/tools:1.0}\n');
    assert.deepEqual(['1.33', '1.34', '1.35', '1.36'].map((v) => gateFindings(text, v).map((f) => f.code).join()), ['feature-gate-off', 'feature-gate-off', '', '']);
    assert.match(gateFindings(text, '1.34')[0].message, /ImageVolume feature gate, off by default in Kubernetes 1\.34 \(beta; on by default from 1\.35\)/);
  });

  it('warns in every version where the gate never turned on (lifecycle.stopSignal, ContainerStopSignals alpha), without "on from"', () => {
    const text = daemonSet('', '          lifecycle:\n            stopSignal: SIGUSR1\n');
    for (const version of ['1.33', '1.36']) {
      const [finding] = gateFindings(text, version);
      assert.equal(finding?.code, 'feature-gate-off', version);
      assert.equal(finding.text, 'stopSignal');
      assert.doesNotMatch(finding.message, /on by default from/);
    }
  });

  it('is never added to the error of a field the target version lacks (hostnameOverride: 1.34+, off there)', () => {
    const text = daemonSet('      hostnameOverride: agent\n');
    assert.deepEqual(gateFindings(text, '1.33').map((f) => f.code), ['field-not-in-version']);
    assert.deepEqual(gateFindings(text, '1.34').map((f) => f.code), ['feature-gate-off']);
    assert.deepEqual(gateFindings(text, '1.35'), []);
  });

  it("PodSpec.workloadRef, 1.35 only (upstream's types.go gates it; Pulumi's 1.35 types carry it): off by default in 1.35, not there before or after", () => {
    const text = daemonSet('      workloadRef: {name: training, podGroup: workers}\n');
    assert.deepEqual(gateFindings(text, '1.35').map((f) => [f.code, f.severity, f.text]), [['feature-gate-off', 'warning', 'workloadRef']]);
    assert.match(gateFindings(text, '1.35')[0].message, /GenericWorkload/);
    assert.deepEqual(check(text, { kubernetesVersion: '1.35' }).findings.filter((f) => f.severity === 'error'), [], 'no unknown field, no error below it');
    assert.match(gateFindings(text, '1.36').find((f) => f.code === 'field-not-in-version')?.message ?? '', /was removed after Kubernetes 1\.35; target is 1\.36/);
    assert.match(gateFindings(text, '1.34').find((f) => f.code === 'field-not-in-version')?.message ?? '', /requires Kubernetes 1\.35 or later/);
  });

  it('still checks the value below the key (the cluster may enable the gate)', () => {
    const text = daemonSet('      resources:\n        requests: {cpu: lots}\n');
    assert.deepEqual(check(text, { kubernetesVersion: '1.33' }).findings.map((f) => f.code).sort(), ['feature-gate-off', 'invalid-quantity']);
  });

  it('offers removing the field, not as the preferred fix', () => {
    const finding = gateFindings(podLevelResources, '1.33')[0];
    assert.equal(finding.fixes?.[0].isPreferred, false);
    const fixed = applyFix(podLevelResources, finding);
    assert.deepEqual(gateFindings(fixed, '1.33'), []);
  });
});
