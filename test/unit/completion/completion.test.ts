import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete } from '../../../server/src/languageService/completion';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { cursor } from '../cursor';

const model = loadApiModel();
const ds = (body: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n${body}`;

function completeAt(marked: string, priorityClasses: string[] = []) {
  const { text, offset } = cursor(marked);
  const items = complete(parseYamlFile(text), offset, model, { priorityClasses });
  return { items, labels: items.map((i) => i.label), text, offset, get: (label: string) => items.find((i) => i.label === label) };
}

describe('completion: keys', () => {
  it('offers the keys of the mapping at the cursor, minus those present, with type and description', () => {
    const { labels, get } = completeAt(ds('  selector: {}\n  |\n'));
    assert.deepEqual(labels.sort(), ['minReadySeconds', 'revisionHistoryLimit', 'template', 'updateStrategy']);
    assert.equal(get('template')?.detail, 'PodTemplateSpec · required');
    assert.ok(get('minReadySeconds')?.documentation);
  });

  it('inserts `key: ` for scalars, a new indented line for objects, `- ` for lists', () => {
    const { get } = completeAt(ds('  template:\n    spec:\n      |\n'));
    assert.equal(get('hostNetwork')?.insertText, 'hostNetwork: ${1|true,false|}');
    assert.equal(get('serviceAccountName')?.insertText, 'serviceAccountName: ');
    assert.equal(get('affinity')?.insertText, 'affinity:\n        ');
    assert.equal(get('tolerations')?.insertText, 'tolerations:\n        - ');
    assert.equal(get('dnsPolicy')?.insertText, 'dnsPolicy: ${1|ClusterFirst,ClusterFirstWithHostNet,Default,None|}');
  });

  it('replaces the partial word typed so far', () => {
    const { get, text } = completeAt(ds('  updateStr|\n'));
    const item = get('updateStrategy')!;
    assert.equal(text.slice(item.start, item.end), 'updateStr');
  });

  it('works inside a list item, on a dangling `- ` and after `- name:`', () => {
    assert.ok(completeAt(ds('  template:\n    spec:\n      containers:\n        - |\n')).labels.includes('name'));
    const after = completeAt(ds('  template:\n    spec:\n      containers:\n        - name: a\n          |\n'));
    assert.ok(after.labels.includes('image') && !after.labels.includes('name'));
    const tolerations = completeAt(ds('  template:\n    spec:\n      tolerations:\n      - key: a\n        |\n'));
    assert.deepEqual(tolerations.labels.sort(), ['effect', 'operator', 'tolerationSeconds', 'value']);
  });

  it('at an indentation between two levels, completes the enclosing mapping', () => {
    assert.ok(completeAt(ds('  template:\n    spec:\n       |\n')).labels.includes('containers'));
  });

  it('survives tabs, CRLF and later documents', () => {
    assert.ok(completeAt(ds('  template:\r\n    spec:\r\n      |\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r')).labels.includes('volumes'));
    assert.ok(completeAt(`kind: ConfigMap\n---\n${ds('  |\n')}`).labels.includes('template'));
    assert.doesNotThrow(() => completeAt(ds('\t|\n')));
  });

  it('offers nothing in other kinds, comments and block scalars; apiVersion/kind in an empty document', () => {
    assert.deepEqual(completeAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  |\n').labels, []);
    assert.deepEqual(completeAt(ds('  # a comment |\n')).labels, []);
    assert.deepEqual(completeAt(ds('  template:\n    metadata:\n      annotations:\n        note: |\n          some text\n          |\n')).labels, []);
    assert.deepEqual(completeAt('|').labels, ['apiVersion: apps/v1', 'kind: DaemonSet']);
    assert.deepEqual(completeAt(`${ds('  selector: {}\n')}---\n|`).labels, ['apiVersion: apps/v1', 'kind: DaemonSet']);
  });
});

describe('completion: values', () => {
  it('enums and booleans from the API model', () => {
    assert.deepEqual(completeAt(ds('  updateStrategy:\n    type: |\n')).labels, ['OnDelete', 'RollingUpdate']);
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      restartPolicy: |\n')).labels, ['Always', 'Never', 'OnFailure']);
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      tolerations:\n        - effect: |\n')).labels, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']);
    assert.ok(completeAt(ds('  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: a\n                    operator: |\n')).labels.includes('DoesNotExist'));
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      containers:\n        - name: a\n          ports:\n            - protocol: |\n')).labels, ['SCTP', 'TCP', 'UDP']);
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      hostPID: |\n')).labels, ['true', 'false']);
  });

  it('well-known node labels in nodeSelector and affinity, well-known taints in tolerations', () => {
    const selector = completeAt(ds('  template:\n    spec:\n      nodeSelector:\n        |\n'));
    for (const key of ['kubernetes.io/os', 'kubernetes.io/arch', 'kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'node-role.kubernetes.io/control-plane']) assert.ok(selector.labels.includes(key), key);
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/os: |\n')).labels, ['linux', 'windows']);
    const taints = completeAt(ds('  template:\n    spec:\n      tolerations:\n        - key: |\n')).labels;
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/network-unavailable', 'node.kubernetes.io/unschedulable', 'node-role.kubernetes.io/control-plane']) assert.ok(taints.includes(key), key);
    assert.ok(completeAt(ds('  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: |\n')).labels.includes('topology.kubernetes.io/zone'));
  });

  it('priorityClassName, volumeMounts name, selector and template labels', () => {
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      priorityClassName: |\n'), ['agents']).labels, ['system-node-critical', 'system-cluster-critical', 'agents']);
    assert.deepEqual(completeAt(ds('  template:\n    spec:\n      volumes:\n        - name: varlog\n        - name: config\n      containers:\n        - name: a\n          volumeMounts:\n            - name: |\n')).labels, ['varlog', 'config']);
    assert.deepEqual(completeAt(ds('  selector:\n    matchLabels:\n      |\n  template:\n    metadata:\n      labels:\n        app: fluentd\n')).labels, ['app: fluentd']);
    assert.deepEqual(completeAt(ds('  selector:\n    matchLabels:\n      app: fluentd\n  template:\n    metadata:\n      labels:\n        |\n')).labels, ['app: fluentd']);
  });
});

describe('completion: regressions', () => {
  it('completes the first key of a new list item after earlier items', () => {
    const tolerations = ds('  template:\n    spec:\n      tolerations:\n        - key: a\n          operator: Exists\n        - key: |\n');
    assert.ok(completeAt(tolerations).labels.includes('node.kubernetes.io/not-ready'));
    const containers = ds('  template:\n    spec:\n      containers:\n        - name: a\n          image: b\n        - |\n');
    assert.ok(completeAt(containers).labels.includes('name'));
  });
});

describe('completion: flow style', () => {
  const pod = (body: string) => ds(`  template:\n    spec:\n${body}`);

  it('offers the keys of a flow mapping, minus those present, inserting `{}` and `[]` for objects and lists', () => {
    const { labels, get } = completeAt(pod('      tolerations: [{key: a, |}]\n'));
    assert.deepEqual(labels.sort(), ['effect', 'operator', 'tolerationSeconds', 'value']);
    assert.equal(get('effect')?.insertText, 'effect: ${1|NoExecute,NoSchedule,PreferNoSchedule|}');
    const spec = completeAt(ds('  template: {spec: {hostNetwork: true, |}}\n'));
    assert.equal(spec.get('affinity')?.insertText, 'affinity: {$1}');
    assert.equal(spec.get('tolerations')?.insertText, 'tolerations: [$1]');
    assert.ok(!spec.labels.includes('hostNetwork'));
  });

  it('offers values after `key: ` inside a flow mapping and for the items of a flow list', () => {
    assert.deepEqual(completeAt(pod('      tolerations: [{key: a, effect: |}]\n')).labels, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']);
    assert.deepEqual(completeAt(pod('      containers: [{name: c, image: x, ports: [{containerPort: 80, protocol: U|}]}]\n')).labels, ['SCTP', 'TCP', 'UDP']);
    const { get, text } = completeAt(pod('      tolerations: [{key: a, effect: NoSch|}]\n'));
    const item = get('NoSchedule')!;
    assert.equal(text.slice(item.start, item.end), 'NoSch');
    assert.ok(completeAt(pod('      nodeSelector: {|}\n')).labels.includes('kubernetes.io/os'));
  });

  it('works in a flow mapping spread over lines, after quotes and comments with apostrophes', () => {
    const text = pod("      # it's the agent's toleration\n      tolerations: [{key: \"a,b\", operator: 'Exists',\n        |}]\n");
    assert.deepEqual(completeAt(text).labels.sort(), ['effect', 'tolerationSeconds', 'value']);
  });

  it('completes a flow-style cluster profile', () => {
    const profile = 'kind: ClusterProfile\nnodes:\n  - {name: a, taints: [{key: x, effect: |}]}\n';
    assert.deepEqual(completeAt(profile).labels, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
    assert.ok(completeAt('kind: ClusterProfile\nnodePools: [{name: gpu, |}]\n').labels.includes('count'));
  });
});

describe('completion: found by the edit fuzzer (issue 15)', () => {
  it('offers an enum\'s empty value as `""` (hostPath type), never as an item without a label', () => {
    const marked = ds('  template:\n    spec:\n      volumes:\n        - name: a\n          hostPath:\n            path: /x\n            type: |\n');
    const { labels, get } = completeAt(marked);
    assert.ok(labels.includes('Directory'));
    assert.ok(!labels.includes(''));
    assert.equal(get('""')?.insertText, '""');
    const key = completeAt(ds('  template:\n    spec:\n      volumes:\n        - name: a\n          hostPath:\n            path: /x\n            |\n')).get('type');
    assert.match(key?.insertText ?? '', /^type: \$\{1\|"",BlockDevice,/);
  });
});
