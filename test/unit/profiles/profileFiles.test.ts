/**
 * Cluster profile files in the editor: completion and hover from the profile
 * format's model (and the Node model in kubectl lists), diagnostics from the
 * same reader `place` uses.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete } from '../../../server/src/languageService/completion';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { hover } from '../../../server/src/languageService/hover';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { cursor } from '../cursor';

const model = loadApiModel();
const root = resolve(__dirname, '../../..');

function labelsAt(marked: string): string[] {
  const { text, offset } = cursor(marked);
  return complete(parseYamlFile(text), offset, model).map((e) => e.label);
}

function hoverAt(marked: string): string | undefined {
  const { text, offset } = cursor(marked);
  return hover(parseYamlFile(text), offset, model)?.markdown;
}

function findings(text: string): string[] {
  const file = parseYamlFile(text);
  return validateFile(file, model).map((f) => `${file.lineIndex.positionAt(f.start).line + 1} ${f.code} ${f.message}`);
}

const profile = (body: string) => `kind: ClusterProfile\nmetadata: {name: lab}\n${body}`;

describe('cluster profile files: completion', () => {
  it('offers the profile keys at the top, in a pool (name and count first) and in a taint', () => {
    assert.deepEqual(labelsAt('kind: ClusterProfile\n|\n').sort(), ['apiVersion', 'metadata', 'nodePools', 'nodes']);
    const { text, offset } = cursor(profile('nodePools:\n  - |\n'));
    const pool = complete(parseYamlFile(text), offset, model).sort((a, b) => a.sortText.localeCompare(b.sortText)).map((e) => e.label);
    assert.deepEqual(pool.slice(0, 2), ['count', 'name']);
    assert.ok(pool.includes('allocatable') && pool.includes('taints') && pool.includes('used'));
    assert.deepEqual(labelsAt(profile('nodes:\n  - name: a\n    taints:\n      - key: x\n        effect: |\n')), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  });

  it('offers well-known label keys in labels and well-known taint keys in taints', () => {
    assert.ok(labelsAt(profile('nodes:\n  - name: a\n    labels:\n      |\n')).includes('topology.kubernetes.io/zone'));
    assert.ok(labelsAt(profile('nodes:\n  - name: a\n    taints:\n      - key: |\n')).includes('node-role.kubernetes.io/control-plane'));
  });

  it('completes Node fields, status included, inside a kubectl list, and nothing in a list of other kinds', () => {
    const node = labelsAt('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Node\n    spec:\n      |\n');
    assert.ok(node.includes('taints') && node.includes('unschedulable'), node.join());
    assert.ok(labelsAt('kind: List\nitems:\n  - kind: Node\n    |\n').includes('status'));
    assert.deepEqual(labelsAt('kind: List\nitems:\n  - kind: ConfigMap\n    |\n'), []);
  });
});

describe('cluster profile files: hover', () => {
  it('explains a profile field in our words, without an upstream reference link', () => {
    const markdown = hoverAt(profile('nodePools:\n  - name: gpu\n    cou|nt: 3\n'));
    assert.match(markdown ?? '', /\*\*nodePools\[0\]\.count\*\* · `integer` · required/);
    assert.match(markdown ?? '', /cluster profile/);
    assert.doesNotMatch(markdown ?? '', /kubernetes\.io\/docs/);
  });

  it('shows the upstream Node docs inside a kubectl list', () => {
    const markdown = hoverAt('kind: List\nitems:\n  - kind: Node\n    spec:\n      unschedu|lable: true\n');
    assert.match(markdown ?? '', /\*\*items\[0\]\.spec\.unschedulable\*\* · `boolean`/);
    assert.match(markdown ?? '', /\[Node API reference\]/);
  });
});

describe('cluster profile files: diagnostics', () => {
  it('reports nothing on the built-in sample profile and on a kubectl capture', () => {
    assert.deepEqual(findings(readFileSync(resolve(root, 'profiles/sample.profile.yaml'), 'utf8')), []);
    assert.deepEqual(findings(readFileSync(resolve(root, 'test/fixtures/profiles/kubectl-nodes-pods.json'), 'utf8')), []);
  });

  it('underlines at their lines what `place` would stop on', () => {
    const text = profile('nodePools:\n  - name: gpu\n    count: 2\n    alocatable: {cpu: "4"}\nnodes:\n  - name: a\n    allocatable: {memory: 16 Gi}\n  - name: a\n');
    assert.deepEqual(findings(text), [
      '6 invalid-profile nodePools[0]: unknown field alocatable (name, labels, taints, allocatable, used, unschedulable, hostPorts, ready, count): remove it, or correct its name',
      '9 invalid-profile nodes[0].allocatable.memory is not a quantity: write one such as 500m, 4 or 16Gi',
      '10 invalid-profile duplicate node name a: rename one of the nodes',
    ]);
  });

  it('checks a kubectl list of nodes, and leaves lists of other objects alone', () => {
    const nodes = 'apiVersion: v1\nkind: List\nitems:\n  - kind: Node\n    metadata: {name: n1}\n    status:\n      allocatable: {cpu: lots}\n';
    assert.deepEqual(findings(nodes), ['7 invalid-profile status.allocatable.cpu is not a quantity: write one such as 500m, 4 or 16Gi']);
    assert.deepEqual(findings('apiVersion: v1\nkind: List\nitems:\n  - kind: ConfigMap\n    data: {a: 1}\n'), []);
  });
});
