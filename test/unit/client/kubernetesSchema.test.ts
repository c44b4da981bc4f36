import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdsDaemonSet, kubernetesAssociations, withDaemonSetFilesExcluded } from '../../../client/src/yamlExtension/kubernetesSchema';

describe('the YAML extension\'s Kubernetes schema setting', () => {
  it('finds the entries that apply the Kubernetes schema, by keyword or URL, with their exclusions', () => {
    const url = 'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.34.1-standalone-strict/all.json';
    assert.deepEqual(kubernetesAssociations({ Kubernetes: '*.yaml', [url]: ['k8s/**', '!k8s/ds.yaml'], 'https://json.schemastore.org/github-workflow.json': '.github/workflows/*' }), [
      { schema: 'Kubernetes', include: ['*.yaml'], exclude: [] },
      { schema: url, include: ['k8s/**'], exclude: ['k8s/ds.yaml'] },
    ]);
    assert.deepEqual(kubernetesAssociations(undefined), []);
    assert.deepEqual(kubernetesAssociations(['kubernetes']), []);
  });

  it('excludes DaemonSet files from the Kubernetes entries only, keeping what was there and adding nothing twice', () => {
    const before = { kubernetes: ['*.yaml', '!old.yaml'], './schemas/app.json': 'app/*.yaml' };
    const after = withDaemonSetFilesExcluded(before, ['old.yaml', 'agents/fluentd.yaml', 'agents/fluentd.yaml']);
    assert.deepEqual(after, { kubernetes: ['*.yaml', '!old.yaml', '!agents/fluentd.yaml'], './schemas/app.json': 'app/*.yaml' });
    assert.deepEqual(before.kubernetes, ['*.yaml', '!old.yaml'], 'the setting read is not changed in place');
    assert.deepEqual(withDaemonSetFilesExcluded({ kubernetes: '/*.yaml' }, ['ds.yaml']), { kubernetes: ['/*.yaml', '!ds.yaml'] });
  });

  it('tells a file that holds a DaemonSet from one that does not', () => {
    assert.ok(holdsDaemonSet('apiVersion: v1\nkind: ConfigMap\n---\napiVersion: apps/v1\nkind: DaemonSet\n'));
    assert.ok(holdsDaemonSet('kind: "DaemonSet"  # agent\n'));
    assert.ok(!holdsDaemonSet('kind: Deployment\nmetadata:\n  annotations:\n    note: "kind: DaemonSet"\n'));
  });
});
