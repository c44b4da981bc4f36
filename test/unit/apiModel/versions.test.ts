import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availability, fieldAt, fieldInVersion, loadApiModel, resolveTargetVersion, versionGap } from '../../../server/src/languageService/apiModel';

const model = loadApiModel();
const container = (field: string) => fieldAt(model, ['spec', 'template', 'spec', 'containers', 0, field])!;
const podSpec = (field: string) => fieldAt(model, ['spec', 'template', 'spec', field])!;

describe('Kubernetes versions of the API model', () => {
  it('supports the last four minor versions, oldest first, ending with the base model', () => {
    assert.deepEqual(model.kubernetesVersions, ['1.33', '1.34', '1.35', '1.36']);
    assert.equal(model.kubernetesVersions.at(-1), model.kubernetesVersion);
    assert.match(model.source, /1\.33 from kubernetes-api-1\.33@1\.3\.0, 1\.34 from kubernetes-api-1\.34@1\.4\.0, 1\.35 from kubernetes-api-1\.35@4\.29\.0/);
  });

  it('stores the versions as differences: only fields some version lacks carry since/until', () => {
    assert.equal(container('restartPolicyRules').since, '1.34');
    assert.equal(podSpec('hostnameOverride').since, '1.34');
    assert.equal(podSpec('schedulingGroup').since, '1.36');
    // in every supported version: no marks
    assert.equal(container('image').since, undefined);
    assert.equal(container('image').until, undefined);
    assert.equal(podSpec('resources').since, undefined, 'pod-level resources came in 1.32');
    const marked = Object.values(model.definitions).flatMap((d) => Object.values(d.fields)).filter((f) => f.since !== undefined || f.until !== undefined);
    assert.ok(marked.length > 10 && marked.length < 100, `${marked.length} marked fields`);
  });

  it('tells whether a field exists in a version, and why not', () => {
    const rules = container('restartPolicyRules');
    assert.equal(fieldInVersion(rules, '1.33'), false);
    assert.equal(fieldInVersion(rules, '1.34'), true);
    assert.equal(versionGap(rules, '1.33'), '`restartPolicyRules` requires Kubernetes 1.34 or later; target is 1.33');
    assert.equal(versionGap(rules, '1.36'), undefined);
    assert.equal(versionGap({ ...rules, since: undefined, until: '1.35' }, '1.36'), '`restartPolicyRules` was removed after Kubernetes 1.35; target is 1.36');
    assert.equal(availability(rules), 'since Kubernetes 1.34');
    assert.equal(availability(container('image')), undefined);
  });

  it('resolves the target version: empty is the newest, an unsupported one says so', () => {
    assert.deepEqual(resolveTargetVersion(model, undefined), { version: '1.36' });
    assert.deepEqual(resolveTargetVersion(model, '1.33'), { version: '1.33' });
    assert.deepEqual(resolveTargetVersion(model, '1.29'), { version: '1.36', problem: 'Kubernetes 1.29 is not supported (supported: 1.33 to 1.36); checking against 1.36' });
  });
});

describe('the kubernetesVersion setting', () => {
  it('offers exactly the versions the model supports (and empty: the newest)', async () => {
    const { readFileSync } = await import('node:fs');
    const manifest = JSON.parse(readFileSync(`${__dirname}/../../../package.json`, 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
    assert.deepEqual(manifest.contributes.configuration.properties['daemonsetTools.kubernetesVersion'].enum, ['', ...model.kubernetesVersions]);
  });
});
