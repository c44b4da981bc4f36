import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../diagnostics/helpers';

const SMP = { role: { kind: 'strategicMergePatch' } } as const;
const lines = (text: string, options = {}) => check(text, options).findings.map((f) => `${f.line} ${f.code}`);

/** A patch as overlays write them: only what changes, the container matched by name. */
const PATCH = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  template:
    spec:
      containers:
        - name: agent
          args: [--verbose]
          resources:
            requests: {cpu: 100m}
`;

describe('strategic-merge patches are checked as partial objects', () => {
  it('reports no missing required field and no whole-object rule on a patch', () => {
    assert.ok(lines(PATCH).some((l) => l.endsWith('missing-required')), 'as a whole object it misses selector and image');
    assert.deepEqual(lines(PATCH, SMP), []);
  });

  it('still checks fields, types, enums, quantities, names and labels', () => {
    const bad = PATCH.replace('args: [--verbose]', 'argz: [--verbose]\n          imagePullPolicy: Sometimes').replace('cpu: 100m', 'cpu: 1 core').replace('- name: agent', '- name: Agent_1').replace('  template:\n', '  template:\n    metadata:\n      labels: {"bad key!": x}\n');
    assert.deepEqual(lines(bad, SMP).sort(), ['11 invalid-name', '12 unknown-field', '13 invalid-enum', '15 invalid-quantity', '8 invalid-label'].sort());
  });

  it('understands the patch directives and checks their values', () => {
    const directives = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent}
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: agent}, {name: sidecar}]
      $retainKeys: [volumes, containers]
      tolerations:
        - $patch: replace
      containers:
        - name: sidecar
          $patch: delete
        - name: agent
          $deleteFromPrimitiveList/args: [--debug]
      volumes:
        - name: cache
          $retainKeys: [name, emptyDir]
          emptyDir: {}
      nodeSelector:
        $patch: replace
        disk: ssd
`;
    assert.deepEqual(lines(directives, SMP), []);
    const wrong = directives.replace('$patch: delete', '$patch: remove').replace('$setElementOrder/containers', '$setElementOrder/containerz').replace('$retainKeys: [volumes, containers]', '$retainKeys: [volumes, containerz]').replace('$frob', '');
    assert.deepEqual(lines(wrong, SMP), ['7 unknown-field', '8 unknown-field', '13 invalid-enum']);
    assert.ok(lines(directives).filter((l) => l.endsWith('unknown-field')).length >= 4, 'in a whole object the directives are unknown fields');
  });
});

describe('JSON 6902 patches are checked as lists of operations', () => {
  const JSON_PATCH = { role: { kind: 'jsonPatch', targetKind: 'DaemonSet' } } as const;

  it('accepts valid operations and checks paths and values against the target kind', () => {
    const ok = `- op: add
  path: /spec/template/spec/containers/0/args/-
  value: --metrics
- op: replace
  path: /spec/template/spec/nodeSelector
  value: {kubernetes.io/os: linux}
- op: remove
  path: /metadata/labels/app.kubernetes.io~1version
- op: copy
  from: /spec/template/metadata/labels
  path: /metadata/labels
`;
    assert.deepEqual(lines(ok, JSON_PATCH), []);
  });

  it('reports unknown ops, bad pointers, missing values, unknown fields and wrong types at their lines', () => {
    const bad = `- op: ad
  path: /spec
- op: add
  path: spec/template
  value: {}
- op: replace
  path: /spec/template/spec/hostNetwrk
  value: true
- op: add
  path: /spec/template/spec/containers/0/ports/-
  value: {containerPort: http}
- op: test
  path: /spec/minReadySeconds
- op: move
  path: /metadata/labels
`;
    assert.deepEqual(lines(bad, JSON_PATCH), ['1 invalid-json-patch', '4 invalid-json-patch', '7 unknown-field', '11 invalid-type', '12 invalid-json-patch', '14 invalid-json-patch']);
    assert.deepEqual(lines('spec: {}\n', JSON_PATCH), ['1 invalid-json-patch']);
  });
});
