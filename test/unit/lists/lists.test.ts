import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete } from '../../../server/src/languageService/completion';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';
import { hover } from '../../../server/src/languageService/hover';
import { profileHoverNote } from '../../../server/src/languageService/hover/profileNote';
import { isListKind, objectDocuments, parseYamlFile } from '../../../server/src/languageService/yamlModel';
import type { ClusterProfile, NodeModel } from '../../../server/src/placement';
import { placeDaemonSet } from '../../../server/src/placement';
import { cursor } from '../cursor';
import { check } from '../diagnostics/helpers';

const model = loadApiModel();
const node = (name: string, labels: Record<string, string>): NodeModel => ({ name, labels, taints: [], unschedulable: false, requested: {}, podCount: 0, hostPorts: [] });

/** A v1 List as `kubectl get -o yaml` prints it: a ServiceAccount, then a DaemonSet (items indented by two). */
const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: agent
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata:
      name: agent
      namespace: kube-system
    spec:
      selector:
        matchLabels: {app: agent}
      template:
        metadata:
          labels: {app: agent}
        spec:
          nodeSelector: {disk: ssd}
          containers:
            - name: agent
              image: example/agent:1.0
              imagePullPolicy: Sometimes
              resourcez: {}
`;

describe('kubectl lists: items are objects of their own', () => {
  it('recognises every list kind kubectl prints', () => {
    for (const kind of ['List', 'DaemonSetList', 'PodList', 'NodeList']) assert.ok(isListKind(kind), kind);
    for (const kind of ['DaemonSet', 'Listener', 'list', undefined]) assert.ok(!isListKind(kind), String(kind));
  });

  it('validates a DaemonSet item with findings on its own lines', () => {
    const { findings } = check(LIST);
    assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.code} ${f.text}`), ['24:32 invalid-enum Sometimes', '25:15 unknown-field resourcez']);
  });

  it('reports missing-required inside an item of a typed list whose items do not repeat their kind', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSetList\nitems:\n- metadata: {name: a}\n  spec:\n    template:\n      spec:\n        containers: [{name: c, image: i}]\n';
    const { findings } = check(text);
    assert.deepEqual(findings.map((f) => `${f.line} ${f.code} ${f.message}`), ['5 missing-required missing required field `selector` in spec: add it']);
  });

  it('leaves lists of other kinds alone and still reads a list of Nodes as a profile', () => {
    assert.deepEqual(check('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n  datax: 1\n').findings, []);
    const nodes = check('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {}\n').findings;
    assert.deepEqual(nodes.map((f) => f.code), ['invalid-profile']);
  });

  it('places the DaemonSet of a list, with ranges in the list', () => {
    const file = parseYamlFile(LIST);
    const daemonSets = objectDocuments(file).flatMap((d) => daemonSetFromYaml(d) ?? []);
    assert.equal(daemonSets.length, 1);
    const [ds] = daemonSets;
    assert.ok(ds);
    assert.equal(ds.name, 'agent');
    assert.deepEqual({ ...ds.nodeSelector }, { disk: 'ssd' });
    const start = ds.sources.nodeSelectorKeys?.disk?.start ?? -1;
    assert.equal(file.lineIndex.positionAt(start).line, 19);
    const profile: ClusterProfile = { name: 'p', nodes: [node('n1', { disk: 'ssd' }), node('n2', {})] };
    const result = placeDaemonSet(ds, profile);
    assert.deepEqual(result.nodes.map((n) => `${n.name} ${n.status}`), ['n1 runs', 'n2 excluded']);
  });

  it('completes keys and values inside an item as in a DaemonSet document', () => {
    const keys = LIST.replace('              resourcez: {}\n', '              |\n');
    const { text, offset } = cursor(keys);
    const labels = complete(parseYamlFile(text), offset, model).map((i) => i.label);
    assert.ok(labels.includes('livenessProbe') && labels.includes('resources'), labels.join(','));
    assert.ok(!labels.includes('image'), 'keys present are not offered again');
    const values = cursor(LIST.replace('imagePullPolicy: Sometimes', 'imagePullPolicy: |'));
    assert.deepEqual(complete(parseYamlFile(values.text), values.offset, model).map((i) => i.label).sort(), ['Always', 'IfNotPresent', 'Never']);
  });

  it('hovers a field of an item with its path inside the item', () => {
    const offset = LIST.indexOf('nodeSelector');
    const result = hover(parseYamlFile(LIST), offset + 2, model);
    assert.ok(result, 'a hover');
    assert.match(result.markdown, /spec\.template\.spec\.nodeSelector/);
    assert.doesNotMatch(result.markdown, /items/);
    const note = profileHoverNote(parseYamlFile(LIST), LIST.indexOf('disk') + 1, () => ({ name: 'p', nodes: [node('n1', { disk: 'ssd' })] }));
    assert.match(note ?? '', /matches 1 of 1 nodes/);
  });
});
