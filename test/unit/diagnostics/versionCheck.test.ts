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
    assert.deepEqual(check(text, { kubernetesVersion: '1.36' }).findings.map((f) => f.code), []);
  });
});
