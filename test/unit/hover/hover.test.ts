import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { hover } from '../../../server/src/languageService/hover';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { cursor } from '../cursor';

const model = loadApiModel();

function hoverAt(marked: string) {
  const { text, offset } = cursor(marked);
  return hover(parseYamlFile(text), offset, model);
}

const ds = (body: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n${body}`;

describe('hover', () => {
  it('shows path, type, optionality, enum values, description, version and reference link on a key', () => {
    const result = hoverAt(ds('  template:\n    spec:\n      tolerations:\n        - key: a\n          eff|ect: NoSchedule\n'));
    assert.ok(result);
    assert.match(result.markdown, /\*\*spec\.template\.spec\.tolerations\[0\]\.effect\*\* · `string` · optional/);
    assert.match(result.markdown, /Allowed values: `NoExecute`, `NoSchedule`, `PreferNoSchedule`/);
    assert.match(result.markdown, /taint effect/i);
    assert.match(result.markdown, new RegExp(`Kubernetes ${model.kubernetesVersion.replace('.', '\\.')}`));
    assert.match(result.markdown, /\[DaemonSet API reference\]\(https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\/workload-resources\/daemon-set-v1\/\)/);
  });

  it('covers exactly the key text', () => {
    const { text, offset } = cursor(ds('  selec|tor: {}\n'));
    const result = hover(parseYamlFile(text), offset, model);
    assert.equal(text.slice(result!.start, result!.end), 'selector');
    assert.match(result!.markdown, /required/);
  });

  it('explains an enum value', () => {
    const result = hoverAt(ds('  updateStrategy:\n    type: OnDel|ete\n'));
    assert.match(result!.markdown, /^`OnDelete`/);
    assert.match(result!.markdown, /killed|deleted/);
    const operator = hoverAt(ds('  template:\n    spec:\n      tolerations:\n        - operator: Exi|sts\n'));
    assert.match(operator!.markdown, /every taint/);
  });

  it('adds DaemonSet notes where behaviour matters', () => {
    assert.match(hoverAt(ds('  template:\n    spec:\n      toler|ations: []\n'))!.markdown, /not-ready.*unreachable.*NoExecute/s);
    assert.match(hoverAt(ds('  update|Strategy: {}\n'))!.markdown, /OnDelete/);
    assert.match(hoverAt(ds('  template:\n    spec:\n      priorityClass|Name: x\n'))!.markdown, /system-node-critical/);
    assert.match(hoverAt(ds('  template:\n    spec:\n      nodeSel|ector: {}\n'))!.markdown, /never get a pod/);
    assert.match(hoverAt(ds('  updateStrategy:\n    rollingUpdate:\n      maxUnav|ailable: 1\n'))!.markdown, /Default: 1/);
  });

  it('explains that a DaemonSet has no replicas', () => {
    assert.match(hoverAt(ds('  repl|icas: 3\n'))!.markdown, /one pod on every eligible node/);
  });

  it('works in flow style, CRLF files and later documents; nothing in other kinds', () => {
    assert.match(hoverAt(ds('  template: {spec: {host|Network: true}}\n'))!.markdown, /spec\.template\.spec\.hostNetwork/);
    assert.match(hoverAt(ds('  minReady|Seconds: 5\n').replace(/\n/g, '\r\n'))!.markdown, /`integer`/);
    assert.ok(hoverAt(`kind: ConfigMap\ndata:\n  x: y\n---\n${ds('  minReady|Seconds: 5\n')}`));
    assert.equal(hoverAt('kind: ConfigMap\nmeta|data:\n  name: x\n'), undefined);
  });

  it('hovers PriorityClass documents', () => {
    assert.match(hoverAt('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nval|ue: 1000\n')!.markdown, /PriorityClass API reference/);
  });
});
