import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete } from '../../../server/src/languageService/completion';
import { hover } from '../../../server/src/languageService/hover';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { cursor } from '../cursor';

const model = loadApiModel();
const containerKeys = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          |\n';

function itemsAt(marked: string, kubernetesVersion?: string) {
  const { text, offset } = cursor(marked);
  return complete(parseYamlFile(text), offset, model, { kubernetesVersion });
}

function hoverAt(marked: string, kubernetesVersion?: string) {
  const { text, offset } = cursor(marked);
  return hover(parseYamlFile(text), offset, model, kubernetesVersion)?.markdown ?? '';
}

describe('completion and hover follow the target Kubernetes version', () => {
  it('completion still offers a field newer than the target, marked and sorted after the others', () => {
    const items = itemsAt(containerKeys, '1.33');
    const rules = items.find((i) => i.label === 'restartPolicyRules')!;
    assert.equal(rules.notInTarget, true);
    assert.match(rules.detail!, /Kubernetes 1\.34\+ \(target 1\.33\)/);
    assert.match(rules.documentation!, /^`restartPolicyRules` requires Kubernetes 1\.34 or later; target is 1\.33\./);
    const image = items.find((i) => i.label === 'image')!;
    assert.equal(image.notInTarget, undefined);
    assert.ok(rules.sortText > image.sortText && rules.sortText > items.find((i) => i.label === 'workingDir')!.sortText);
  });

  it('completion marks nothing when the target has the field', () => {
    const rules = itemsAt(containerKeys, '1.34').find((i) => i.label === 'restartPolicyRules')!;
    assert.equal(rules.notInTarget, undefined);
    assert.doesNotMatch(rules.detail!, /Kubernetes/);
  });

  it('completion marks a field whose feature gate is off by default in the target, says what the API server does, and sorts it last', () => {
    const items = itemsAt(containerKeys, '1.34');
    const rules = items.find((i) => i.label === 'restartPolicyRules')!;
    assert.match(rules.detail!, / · alpha: feature gate ContainerRestartRules off by default$/);
    assert.match(rules.documentation!, /^`restartPolicyRules` needs the ContainerRestartRules feature gate, off by default in Kubernetes 1\.34 \(alpha[^)]*\): the API server drops it/);
    assert.ok(rules.sortText > items.find((i) => i.label === 'workingDir')!.sortText);
    // a field without a gate is never marked
    assert.doesNotMatch(items.find((i) => i.label === 'image')!.detail!, /feature gate/);
  });

  it('hover says since which version a field exists, whether the target has it, and names the target', () => {
    const text = containerKeys.replace('|\n', 'restartPolicy|Rules: []\n');
    const old = hoverAt(text, '1.33');
    assert.match(old, /Since Kubernetes 1\.34 · \*\*not in the target version 1\.33\*\*/);
    assert.match(old, /Kubernetes 1\.33 · \[DaemonSet API reference\]/);
    const current = hoverAt(text, '1.35');
    assert.match(current, /Since Kubernetes 1\.34\n/);
    assert.doesNotMatch(current, /not in the target/);
    assert.match(current, /Kubernetes 1\.35 · \[DaemonSet API reference\]/);
    // a field of every supported version says nothing about versions
    assert.doesNotMatch(hoverAt(containerKeys.replace('|\n', 'ima|ge: x\n'), '1.33'), /Since Kubernetes/);
  });

  it('hover names the feature gate, and says when it is off by default in the target', () => {
    const text = containerKeys.replace('|\n', 'restartPolicy|Rules: []\n');
    const gated = /Behind the ContainerRestartRules feature gate, off by default in Kubernetes 1\.34 \(alpha\)/;
    assert.match(hoverAt(text, '1.34'), new RegExp(`${gated.source} · \\*\\*off by default in the target version 1\\.34\\*\\*`));
    const later = hoverAt(text, '1.35');
    assert.match(later, gated);
    assert.doesNotMatch(later, /off by default in the target/);
    assert.doesNotMatch(hoverAt(containerKeys.replace('|\n', 'ima|ge: x\n'), '1.34'), /feature gate/);
  });
});
