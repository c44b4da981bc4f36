import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete, profileCompletions } from '../../../server/src/languageService/completion';
import { readProfile } from '../../../server/src/languageService/profiles';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { cursor } from '../cursor';

const profile = readProfile(readFileSync(resolve(__dirname, '../../../examples/profiles/guide.profile.yaml'), 'utf8'), 'guide.profile.yaml').profile!;
const ds = (body: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n${body}`;

function items(marked: string) {
  const { text, offset } = cursor(marked);
  return complete(parseYamlFile(text), offset, loadApiModel(), { extraValues: (context) => profileCompletions(profile, context) });
}

describe('completion that knows the cluster profile', () => {
  it('offers the label keys and values of the profile\'s nodes with their counts, first', () => {
    const keys = items(ds('      nodeSelector:\n        |\n'));
    assert.deepEqual(keys.slice(0, 3).map((k) => k.label), ['kubernetes.io/arch', 'kubernetes.io/hostname', 'kubernetes.io/os'], 'on every node, so first');
    const type = keys.find((i) => i.label === 'type')!;
    assert.equal(type.detail, 'label on 2 of 9 nodes (guide-cluster)');
    assert.equal(type.insertText, 'type: ');
    assert.equal(keys.filter((i) => i.label === 'kubernetes.io/os').length, 1, 'no duplicate of the generic entry');
    const values = items(ds('      nodeSelector:\n        nvidia.com/gpu.present: |\n'));
    assert.deepEqual(values.map((v) => [v.label, v.insertText, v.detail]), [['true', '"true"', 'nvidia.com/gpu.present= on 2 of 9 nodes (guide-cluster)']]);
  });

  it('offers the taints of the profile\'s nodes in tolerations', () => {
    const keys = items(ds('      tolerations:\n        - key: |\n')).slice(0, 5).map((i) => `${i.label} · ${i.detail}`);
    assert.deepEqual(keys.slice(0, 2), ['nvidia.com/gpu · taint on 2 of 9 nodes (guide-cluster)', 'app · taint on 1 of 9 nodes (guide-cluster)']);
    assert.ok(items(ds('      tolerations:\n        - key: app\n          value: |\n')).some((i) => i.label === 'fluentd-logging'));
    assert.ok(items(ds('      tolerations:\n        - effect: |\n')).some((i) => i.label === 'NoExecute' && /on 1 of 9/.test(i.detail ?? '')));
  });
});
