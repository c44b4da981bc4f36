import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldAt, loadApiModel, objectAt, typeAt, typeLabel } from '../../../server/src/languageService/apiModel';

const model = loadApiModel();

describe('generated API model', () => {
  it('names the Kubernetes version and its source package', () => {
    assert.match(model.kubernetesVersion, /^1\.\d+$/);
    assert.match(model.source, /^kubernetes-models@/);
  });

  it('resolves DaemonSet paths down to toleration fields with their enums', () => {
    const effect = fieldAt(model, ['spec', 'template', 'spec', 'tolerations', 0, 'effect']);
    assert.deepEqual(effect?.type, { kind: 'string', enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] });
    assert.ok(effect?.enumDescriptions?.NoExecute, 'per-value descriptions parsed');
    assert.ok(!effect?.description.includes('Possible enum values'), 'enum list split from the description');
  });

  it('knows required fields, int-or-string, quantities and maps', () => {
    assert.equal(fieldAt(model, ['spec', 'selector'])?.required, true);
    assert.equal(fieldAt(model, ['spec', 'template', 'spec', 'containers'])?.required, true);
    assert.equal(fieldAt(model, ['spec', 'template', 'spec', 'containers', 0, 'name'])?.required, true);
    assert.equal(typeLabel(typeAt(model, ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'])!), 'int-or-string');
    assert.equal(typeLabel(typeAt(model, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'])!), 'map[string]quantity');
    assert.equal(typeLabel(typeAt(model, ['metadata', 'labels'])!), 'map[string]string');
    assert.equal(typeLabel(typeAt(model, ['spec', 'template', 'spec', 'tolerations'])!), '[]Toleration');
    assert.equal(typeAt(model, ['spec', 'minReadySeconds'])?.kind, 'integer');
  });

  it('carries documented defaults, from the text and from the defaulting code', () => {
    assert.equal(fieldAt(model, ['spec', 'revisionHistoryLimit'])?.default, '10');
    assert.equal(fieldAt(model, ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'])?.default, '0');
    assert.equal(fieldAt(model, ['spec', 'updateStrategy', 'type'])?.default, 'RollingUpdate');
  });

  it('has every volume source and no replicas on a DaemonSet spec', () => {
    const volume = objectAt(model, ['spec', 'template', 'spec', 'volumes', 0]);
    for (const source of ['hostPath', 'configMap', 'secret', 'emptyDir', 'projected', 'csi', 'persistentVolumeClaim', 'downwardAPI', 'ephemeral', 'image']) {
      assert.ok(volume?.fields[source], source);
    }
    assert.equal(fieldAt(model, ['spec', 'replicas']), undefined);
  });

  it('has the PriorityClass and Node roots', () => {
    assert.equal(fieldAt(model, ['value'], model.roots.PriorityClass)?.type.kind, 'integer');
    assert.ok(fieldAt(model, ['spec', 'taints'], model.roots.Node));
  });
});
