import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { profileHoverNote } from '../../../server/src/languageService/hover';
import { readProfile } from '../../../server/src/languageService/profiles';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { cursor } from '../cursor';

const profile = readProfile(readFileSync(resolve(__dirname, '../../../examples/profiles/guide.profile.yaml'), 'utf8'), 'guide.profile.yaml').profile!;
const ds = (body: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n${body}`;
const note = (marked: string) => {
  const { text, offset } = cursor(marked);
  return profileHoverNote(parseYamlFile(text), offset, () => profile);
};

describe('hover on selectors and tolerations knows the cluster profile', () => {
  it('reads no profile for a hover elsewhere (a big profile takes seconds to load)', () => {
    let asked = 0;
    const { text, offset } = cursor(ds('      containers:\n        - name: agent\n          imagePullPo|licy: IfNotPresent\n'));
    assert.equal(profileHoverNote(parseYamlFile(text), offset, () => (asked++, profile)), undefined);
    assert.equal(asked, 0);
  });

  it('counts the nodes a nodeSelector entry matches, naming a few', () => {
    assert.equal(note(ds('      nodeSelector:\n        ty|pe: platform-tools\n')), '**on guide-cluster:** `type=platform-tools` matches 2 of 9 nodes: platform-1, platform-2');
  });

  it('counts the nodes whose taints a toleration tolerates', () => {
    assert.equal(note(ds('      tolerations:\n        - key: nvidia.com/gpu\n          oper|ator: Exists\n')), '**on guide-cluster:** tolerates taints of 2 of 9 nodes: gpu-1, gpu-2');
  });

  it('counts the nodes an affinity expression matches', () => {
    const text = ds('      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: node.kubernetes.io/instance-type\n                    oper|ator: In\n                    values: [t2.large, p3.2xlarge]\n');
    assert.equal(note(text), '**on guide-cluster:** `node.kubernetes.io/instance-type In [t2.large, p3.2xlarge]` matches 4 of 9 nodes: platform-1, platform-2, gpu-1, …');
  });

  it('says nothing elsewhere', () => {
    assert.equal(note(ds('      host|Network: true\n')), undefined);
  });
});
