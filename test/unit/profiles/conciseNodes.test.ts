/**
 * The direct reader of a concise profile's single nodes (conciseNodes.ts):
 * what it makes must be what the general subset reader and the full YAML
 * parser make, and whatever it does not take goes the general way, with the
 * same messages and lines.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { writeConciseProfile } from '../../../bench/profileInputs';
import { readProfile } from '../../../server/src/languageService/profiles';
import { readConcise } from '../../../server/src/languageService/profiles/concise';
import { readConciseDirect } from '../../../server/src/languageService/profiles/conciseNodes';
import { readFastYaml } from '../../../server/src/languageService/profiles/fastYaml';
import { PlainReader } from '../../../server/src/languageService/profiles/plainReader';

const root = resolve(__dirname, '../../..');

/** The profile the general subset reader makes of the text (the tree of plain values, then the concise reader). */
function generalRead(text: string) {
  return readConcise(new PlainReader(readFastYaml(text)), 'p');
}

/** The direct read must give a profile, equal to the general read's and to the full parser's. */
function assertReadDirectly(text: string): void {
  const direct = readConciseDirect(text, 'p');
  assert.equal(direct?.kind, 'profile', 'read directly');
  if (direct?.kind !== 'profile') return;
  assert.deepEqual(direct.result, generalRead(text));
  const fast = readProfile(text, 'p.yaml');
  const exact = readProfile(text, 'p.yaml', { plain: false });
  assert.equal(fast.parser, 'yaml-subset');
  assert.deepEqual(fast.profile, exact.profile);
  assert.deepEqual(fast.errors, []);
}

describe('concise profiles: single nodes read straight from the text', () => {
  it('reads the generated big profile and the examples as the general reader and the full parser do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dst-concise-nodes-'));
    try {
      writeConciseProfile(join(dir, 'p.yaml'), 500);
      assertReadDirectly(readFileSync(join(dir, 'p.yaml'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const path of ['profiles/sample.profile.yaml', 'examples/profiles/guide.profile.yaml']) {
      const text = readFileSync(resolve(root, path), 'utf8');
      if (readConciseDirect(text, 'p')?.kind === 'profile') assertReadDirectly(text);
      const fast = readProfile(text, 'p.yaml');
      assert.deepEqual(fast.profile, readProfile(text, 'p.yaml', { plain: false }).profile, path);
    }
  });

  it('reads labels as written (numbers, booleans, null words, quotes, defaults overridden), with pools and nodes in either order', () => {
    assertReadDirectly(
      [
        'kind: ClusterProfile',
        'nodes:',
        '- name: a',
        '  labels:',
        '    version: 1.10',
        '    enabled: yes',
        '    nothing: null',
        '    tilde: ~',
        '    empty:',
        '    quoted: "k: v"',
        '    kubernetes.io/arch: arm64',
        '    url: http://a.b/c#frag',
        '    spaced: two words',
        '  used: {cpu: 250m, memory: 1Gi, pods: 3}',
        '- labels: {zone: b, num: 0x1F, __proto__: p, constructor: c}',
        '  name: b',
        '  used: {cpu: 1, pods: 0}',
        '  allocatable: {cpu: "8", memory: 32Gi}',
        '  taints:',
        '  - key: dedicated',
        '    value: infra',
        '    effect: NoExecute',
        '  hostPorts: [9100, {port: 53, protocol: UDP}]',
        '  unschedulable: on',
        '  ready: false',
        'metadata: {name: later}',
        'nodePools:',
        '- {name: pool, count: 2, labels: {p: q}}',
        '',
      ].join('\n'),
    );
    const profile = readProfile('kind: ClusterProfile\nnodes:\n  - name: a\n    labels:\n      nothing: null\n      version: 1.10\n', 'p.yaml').profile;
    assert.equal(profile?.nodes[0].labels.nothing, '');
    assert.equal(profile?.nodes[0].labels.version, '1.10');
  });

  it('leaves what it does not take to the general reader, which gives the same profile or the same messages as before', () => {
    const base = 'kind: ClusterProfile\nnodes:\n  - name: a\n';
    for (const extra of [
      '    colour: blue\n', // an unknown field
      '    allocatable: {cpu: lots}\n', // a bad quantity
      '  - name: a\n', // a duplicate node
      '    labels: {a: b}\n    labels: {c: d}\n', // labels twice (the general reader keeps the last)
      '    labels:\n      a:\n        b: c\n', // a label that is a mapping
      '  - {name: b}\n', // a flow item
      '  - name: 7\n', // a name that is a number
      '  - name:\n', // no name
      'nodes:\n  - name: b\n', // nodes twice
      'colour: blue\n', // an unknown top-level field
    ]) {
      const text = base + extra;
      assert.equal(readConciseDirect(text, 'p'), undefined, JSON.stringify(extra));
      const fast = readProfile(text, 'p.yaml');
      const exact = readProfile(text, 'p.yaml', { plain: false });
      assert.deepEqual(fast.errors, exact.errors, JSON.stringify(extra));
      assert.deepEqual(fast.profile, exact.profile, JSON.stringify(extra));
    }
  });

  it('gives a text without a list of single nodes back as its plain value, read once', () => {
    const text = 'kind: ClusterProfile\nnodePools:\n  - name: p\n    count: 2\n';
    assert.deepEqual(readConciseDirect(text, 'p'), { kind: 'value', value: readFastYaml(text) });
    assert.equal(readProfile(text, 'p.yaml').profile?.nodes.length, 2);
  });
});
