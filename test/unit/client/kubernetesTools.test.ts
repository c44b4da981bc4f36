import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excludedFromKubernetesTools, exclusionToInsert, kubernetesToolsDirective } from '../../../client/src/yamlExtension/kubernetesTools';

const DS = 'apiVersion: apps/v1\nkind: DaemonSet\n';

describe("the Kubernetes extension's exclude directive", () => {
  it('is read as the Kubernetes extension reads it: the first directive among the leading comments, blank lines skipped', () => {
    assert.equal(kubernetesToolsDirective(`# a log agent\n\n#   vscode-kubernetes-tools:   exclude  \n${DS}`), 'exclude');
    assert.equal(kubernetesToolsDirective(`# vscode-kubernetes-tools: include\n# vscode-kubernetes-tools: exclude\n${DS}`), 'include');
    // after the first YAML line the extension stops looking
    assert.equal(kubernetesToolsDirective(`${DS}# vscode-kubernetes-tools: exclude\n`), undefined);
    assert.equal(kubernetesToolsDirective(`---\n# vscode-kubernetes-tools: exclude\n${DS}`), undefined);
    assert.ok(excludedFromKubernetesTools(`\uFEFF# vscode-kubernetes-tools: exclude\r\n${DS}`));
    assert.ok(!excludedFromKubernetesTools(`# vscode-kubernetes-tools: exclude this\n${DS}`), 'only the exact word counts');
  });

  it('is added on top in the file\'s line ending, once, and never over an include the user wrote', () => {
    assert.equal(exclusionToInsert(DS), '# vscode-kubernetes-tools: exclude\n');
    assert.equal(exclusionToInsert(DS.replace(/\n/g, '\r\n')), '# vscode-kubernetes-tools: exclude\r\n');
    assert.equal(exclusionToInsert(`# vscode-kubernetes-tools: exclude\n${DS}`), undefined);
    assert.equal(exclusionToInsert(`# vscode-kubernetes-tools: include\n${DS}`), undefined);
    // an unknown directive does not count for the Kubernetes extension: ours, on top, does
    const inserted = exclusionToInsert(`# vscode-kubernetes-tools: something\n${DS}`);
    assert.ok(inserted && excludedFromKubernetesTools(`${inserted}# vscode-kubernetes-tools: something\n${DS}`));
  });
});
