/**
 * `<<` merge keys as kubectl reads them: go-yaml v2's decoder applies the
 * pairs of a map in the order written and a merge where it stands, so a key
 * written after the `<<` overrides the merged one and a key written before
 * it is overridden (of a list of maps, the first wins). The expected values
 * were printed by gopkg.in/yaml.v2 v2.4.0 (yaml.Unmarshal into a map) when
 * this test was written. Validation, placement and profiles read the same map.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isScalar } from 'yaml';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { getIn } from '../../../server/src/languageService/diagnostics/yamlAst';
import { readProfile } from '../../../server/src/languageService/profiles';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../../../server/src/placement';

function valueAt(text: string, ...path: string[]): unknown {
  const { doc } = parseYamlFile(text).documents[0];
  const node = getIn(doc, doc.contents, ...path);
  return isScalar(node) ? node.value : undefined;
}

const daemonSet = (labels: string, nodeSelector = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: &sel {app: agent}
  template:
    metadata:
      labels:
${labels}
    spec:
${nodeSelector}      containers:
        - name: agent
          image: example.com/agent:1.0
          resources: {requests: {cpu: 10m, memory: 10Mi}, limits: {memory: 20Mi}}
`;

const errors = (text: string) =>
  validateFile(parseYamlFile(text), loadApiModel(), {})
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code} ${text.slice(f.start, f.end)}`);

describe('<< merge keys as go-yaml v2 decodes them', () => {
  it('lets a merge override a key written before it, and a key written after it override the merge', () => {
    assert.equal(valueAt('b: &b {a: 2}\nv:\n  a: 1\n  <<: *b\n', 'v', 'a'), 2);
    assert.equal(valueAt('b: &b {a: 2}\nv:\n  <<: *b\n  a: 1\n', 'v', 'a'), 1);
  });

  it('takes the first map of a merged list, and merges the merges of a merged map', () => {
    assert.equal(valueAt('b: &b {a: 2}\nc: &c {a: 3}\nv:\n  <<: [*b, *c]\n', 'v', 'a'), 2);
    assert.equal(valueAt('b: &b {a: 2, <<: {z: 9}}\nv:\n  <<: *b\n', 'v', 'z'), 9);
  });

  it('matches the selector against merged template labels (no false selector-mismatch)', () => {
    assert.deepEqual(errors(daemonSet('        <<: *sel\n        tier: e1')), []);
    assert.deepEqual(errors(daemonSet('        app: other\n        <<: *sel')), [], 'the merge overrides app: other');
    assert.deepEqual(errors(daemonSet('        <<: *sel\n        app: other')), ['selector-mismatch labels']);
  });

  it('checks merged label values like written ones', () => {
    assert.deepEqual(errors(daemonSet('        <<: [*sel, {tier: "not valid!"}]')), ['invalid-label "not valid!"']);
  });

  it('places a nodeSelector built with a merge as kubectl sends it', () => {
    const { profile } = readProfile('kind: ClusterProfile\nmetadata: {name: zones}\nnodes:\n  - {name: n-a, labels: {zone: a}}\n  - {name: n-b, labels: {zone: b}}\n', 'zones.profile.yaml');
    assert.ok(profile);
    const runs = (nodeSelector: string) => {
      const model = daemonSetFromYaml(parseYamlFile(daemonSet('        <<: *sel', `      nodeSelector:\n${nodeSelector}`)).documents[0]);
      assert.ok(model);
      return placeDaemonSet(model, profile).nodes.filter((n) => n.status === 'runs').map((n) => n.name);
    };
    assert.deepEqual(runs('        zone: a\n        <<: {zone: b}\n'), ['n-b']);
    assert.deepEqual(runs('        <<: {zone: b}\n        zone: a\n'), ['n-a']);
  });

  it('reads a profile node\'s merged labels in the same order', () => {
    const { profile } = readProfile('kind: ClusterProfile\nmetadata: {name: p}\nnodes:\n  - name: n\n    labels:\n      zone: a\n      <<: {zone: b}\n', 'p.profile.yaml');
    assert.equal(profile?.nodes[0].labels.zone, 'b');
  });
});
