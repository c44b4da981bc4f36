/**
 * Big profiles are read without the full YAML parser (issue 15 item 11): a
 * JSON capture with JSON.parse, a concise profile in plain YAML with the fast
 * subset reader, both kept compact. Each way must give what the full parser
 * gives, and placement on the compact profile what it gives on nodes that share nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { writeConciseProfile, writeKubectlCapture } from '../../../bench/profileInputs';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';
import { readProfile } from '../../../server/src/languageService/profiles';
import { EXACT_REREAD_BYTES } from '../../../server/src/languageService/profiles/readProfile';
import { objectDocuments, parseYamlFile } from '../../../server/src/languageService/yamlModel';
import type { ClusterProfile } from '../../../server/src/placement';
import { placeDaemonSet } from '../../../server/src/placement';

const root = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

/** The profile read the fast way must equal the full parser's, node for node. */
function assertSameAsFullParser(text: string, parser: 'json' | 'yaml-subset' | 'yaml', name = 'p.yaml'): ClusterProfile {
  const fast = readProfile(text, name);
  const exact = readProfile(text, name, { plain: false });
  assert.equal(fast.parser, parser, `read by ${fast.parser}`);
  assert.deepEqual(fast.errors, exact.errors);
  assert.deepEqual(fast.profile, exact.profile);
  assert.equal(fast.format, exact.format);
  return fast.profile!;
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dst-big-profiles-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('JSON captures', () => {
  it('are read by JSON.parse, giving the profile the YAML parser gives', () => {
    assertSameAsFullParser(read('test/fixtures/profiles/kubectl-nodes-pods.json'), 'json', 'prod.json');
    assertSameAsFullParser(read('examples/profiles/kubectl-capture.json'), 'json', 'capture.json');
  });

  it('reads a kubectl-shaped capture of nodes and pods (managed fields, images, env) like the YAML parser', () => {
    const profile = withTempDir((dir) => {
      writeKubectlCapture(join(dir, 'c.json'), 400_000, 20);
      return assertSameAsFullParser(readFileSync(join(dir, 'c.json'), 'utf8'), 'json', 'c.json');
    });
    assert.equal(profile.nodes.length, 20);
    assert.ok(profile.nodes.some((n) => n.podCount > 0 && n.requested.cpu > 0n), 'bound pods count as load');
  });

  it('gives a JSON syntax error its line when the capture is too big to read again', () => {
    const big = `{"kind": "List", "items": [\n${'  {"kind": "Node", "metadata": {"name": "n"}},\n'.repeat(Math.ceil(EXACT_REREAD_BYTES / 40))}  {"kind": "Node" "metadata": {}}\n]}\n`;
    const { errors, profile } = readProfile(big, 'big.json');
    assert.equal(profile, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /^JSON syntax: /);
    assert.equal(errors[0].line, big.split('\n').length - 2, 'the line of the missing comma');
  });

  it('names the field of a bad value in a capture too big to read again', () => {
    const node = (i: number) => `{"kind": "Node", "metadata": {"name": "n${i}"}, "status": {"allocatable": {"cpu": "${i === 7 ? 'lots' : '4'}"}}}`;
    const items = Array.from({ length: Math.ceil(EXACT_REREAD_BYTES / 80) }, (_, i) => node(i));
    const { errors } = readProfile(`{"kind": "List", "items": [\n${items.join(',\n')}\n]}\n`, 'big.json');
    assert.deepEqual(
      errors.map((e) => e.message),
      ['status.allocatable.cpu is not a quantity: write one such as 500m, 4 or 16Gi'],
    );
  });

  it('still reads YAML flow that is not JSON through the YAML parser', () => {
    const { profile, errors, parser } = readProfile("{kind: ClusterProfile, nodes: [{name: 'a'}]}", 'p.yaml');
    assert.deepEqual(errors, []);
    assert.equal(parser, 'yaml');
    assert.deepEqual(profile?.nodes.map((n) => n.name), ['a']);
  });
});

describe('concise profiles in plain YAML', () => {
  it('are read by the fast reader, giving what the YAML parser gives', () => {
    for (const path of ['profiles/sample.profile.yaml', 'examples/profiles/guide.profile.yaml']) assertSameAsFullParser(read(path), 'yaml-subset');
    const generated = withTempDir((dir) => {
      writeConciseProfile(join(dir, 'p.yaml'), 300);
      return readFileSync(join(dir, 'p.yaml'), 'utf8');
    });
    assert.equal(assertSameAsFullParser(generated, 'yaml-subset').nodes.length, 300);
  });

  it('resolves scalars as the YAML parser does (go-yaml rules), labels as written', () => {
    const text = [
      '--- # a profile',
      'kind: ClusterProfile',
      "metadata: {name: 'it''s'}",
      'nodes:',
      '- name: "0x1F"',
      '  labels:',
      '    version: 1.10',
      '    only: yes',
      '    hex: 0x1F',
      '    empty: ""',
      '    tilde: ~',
      '    url: http://a.b/c#frag   # a comment',
      '    neg: -5',
      '    date: 2001-12-14',
      "    __proto__: 'p'",
      '    constructor: c',
      '    "quoted key": v',
      '  allocatable:',
      '    cpu: 1.5',
      '    memory: 1e3',
      '    pods: 0o17',
      '  used: {cpu: 500m, pods: 3}',
      '  hostPorts: [9100, {port: 53, protocol: UDP}]',
      '  unschedulable: on',
      '  ready: false',
      '  taints:',
      '  - {key: a, effect: NoSchedule}',
      '  -   key: b',
      '      value: "1"',
      '      effect: NoExecute',
      '',
    ].join('\n');
    assertSameAsFullParser(text, 'yaml-subset');
    assertSameAsFullParser(text.replace(/\n/g, '\r\n'), 'yaml-subset');
  });

  it('reads colons, hashes and slashes inside flow scalars as the YAML parser does', () => {
    const text = [
      'kind: ClusterProfile',
      'nodes:',
      '  - name: a',
      '    labels: {url: http://a.b/c, time: 10:30, tag: a#b, path: /x/y, dots: a.b-c_d, quoted: "k: v", single: \'#x\'}',
      '    taints: [{key: example.com/x, value: a:b, effect: NoSchedule}, {key: k2, effect: NoExecute}]',
      '    allocatable: {cpu: 1500m, memory: 4Gi, nvidia.com/gpu: 2}',
      '    hostPorts: [9100, {port: 53, protocol: UDP, hostIP: 10.0.0.1}]',
      '',
    ].join('\n');
    const profile = assertSameAsFullParser(text, 'yaml-subset');
    assert.equal(profile.nodes[0].labels.url, 'http://a.b/c');
    assert.equal(profile.nodes[0].labels.tag, 'a#b');
    assert.equal(profile.nodes[0].taints[0].value, 'a:b');
  });

  it('leaves YAML outside the subset to the full parser, with the same result', () => {
    const base = 'kind: ClusterProfile\nnodes:\n  - name: a\n';
    for (const extra of [
      '    labels: &l {a: b}\n  - name: b\n    labels: *l\n', // anchors and aliases
      '    labels:\n      note: |\n        two\n        lines\n', // block scalar
      '    labels: {a: !!str 1}\n', // tag
      '    labels:\n      a: long\n        continued\n', // multi-line plain scalar
      '    labels: {a: b,\n      c: d}\n', // multi-line flow
      '    labels: {a: "x\\ty"}\n', // escape
      '    labels:\n      <<: {a: b}\n', // merge key
      '\tlabels: {}\n', // tab
      '---\nkind: Other\n', // a second document
      '    labels: {a: b}}\n', // stray bracket
      '    labels:\n      a: b: c\n', // a syntax error
      '    labels:\n     a: b\n      c: d\n', // inconsistent indentation
      '    allocatable:\n    - cpu\n', // wrong type
      '    labels: {on: x}\n', // a key that is not a string to go-yaml
    ]) {
      const text = base + extra;
      const fast = readProfile(text, 'p.yaml');
      const exact = readProfile(text, 'p.yaml', { plain: false });
      assert.equal(fast.parser, 'yaml', JSON.stringify(extra));
      assert.deepEqual(fast, exact, JSON.stringify(extra));
    }
  });

  it('reports errors with their lines (read again by the YAML parser)', () => {
    const { errors, parser } = readProfile('kind: ClusterProfile\nnodes:\n  - name: a\n    allocatable: {cpu: lots}\n    colour: blue\n', 'p.yaml');
    assert.equal(parser, 'yaml');
    assert.deepEqual(
      errors.map((e) => [e.line, e.message]),
      [
        [5, 'nodes[0]: unknown field colour (name, labels, taints, allocatable, used, unschedulable, hostPorts, ready): remove it, or correct its name'],
        [4, 'nodes[0].allocatable.cpu is not a quantity: write one such as 500m, 4 or 16Gi'],
      ],
    );
  });
});

describe('compact profiles', () => {
  it('share taints, allocatable and host ports between nodes that have the same', () => {
    const { profile } = readProfile('kind: ClusterProfile\nnodes:\n  - {name: a, taints: [{key: x, effect: NoSchedule}], allocatable: {cpu: "4"}}\n  - {name: b, taints: [{key: x, effect: NoSchedule}], allocatable: {cpu: "4"}}\n', 'p.yaml');
    const [a, b] = profile!.nodes;
    assert.equal(a.taints, b.taints);
    assert.equal(a.allocatable, b.allocatable);
    assert.ok(Object.isFrozen(a.taints) && Object.isFrozen(a.allocatable), 'shared objects cannot be changed through one node');
    assert.notEqual(a.labels, b.labels);
  });

  it('place every DaemonSet of the examples as nodes that share nothing do', () => {
    const profiles = ['profiles/sample.profile.yaml', 'examples/profiles/guide.profile.yaml', 'examples/profiles/kubectl-capture.json', 'test/fixtures/profiles/kubectl-nodes-pods.json'];
    const manifests = ['examples/fluentd.yaml', 'examples/fluentd-affinity.yaml', 'examples/fluentd-nodeselector.yaml', 'examples/fluentd-taint.yaml'];
    let placed = 0;
    for (const path of profiles) {
      const compact = readProfile(read(path), path).profile!;
      // structuredClone gives every node its own objects: nothing is recognised as alike
      const separate = structuredClone(readProfile(read(path), path, { plain: false, compact: false }).profile!);
      for (const manifest of manifests) {
        for (const document of objectDocuments(parseYamlFile(read(manifest)))) {
          const ds = daemonSetFromYaml(document);
          if (!ds) continue;
          assert.deepEqual(placeDaemonSet(ds, compact), placeDaemonSet(ds, separate), `${manifest} on ${path}`);
          placed++;
        }
      }
    }
    assert.ok(placed >= 16);
  });
});
