import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { allRuleDocs, validateDocument, validateFile } from '../../../server/src/languageService/diagnostics';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { check, codes, daemonSet } from './helpers';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    n: 1\nreplicas: 3\ndata:\n  a: "b"\n';

describe('validate: which documents', () => {
  it('validates only DaemonSet and PriorityClass documents', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3\n  nodeSelecter: {}\n';
    assert.deepEqual(check(`${configMap}---\n${deployment}`).findings, []);
    const text = `${configMap}---\n${daemonSet('      nodeSelecter: {}\n')}`;
    assert.deepEqual(codes(text), ['25 unknown-field']);
  });

  it('leaves custom resources that share the kind name alone', () => {
    const kruise = daemonSet('      nodeSelecter: {}\n').replace('apps/v1', 'apps.kruise.io/v1alpha1');
    assert.deepEqual(check(kruise).findings, []);
    assert.deepEqual(codes(daemonSet().replace('apps/v1', 'apps/v2')), ['1 invalid-api-version']);
    assert.deepEqual(codes(daemonSet().replace('apps/v1', 'v1')), ['1 invalid-api-version']);
  });

  it('reports a syntax error at its line and still validates the other documents', () => {
    const broken = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [1, 2\n  b: c\n';
    const text = `${daemonSet('      nodeSelecter: {}\n')}---\n${broken}`;
    const found = codes(text);
    assert.ok(found.includes('15 unknown-field'), found.join());
    assert.ok(found.some((c) => c.endsWith('yaml-syntax') && Number(c.split(' ')[0]) >= 22), found.join());
  });

  it('reports syntax errors inside the DaemonSet without hiding its other errors', () => {
    const text = daemonSet('      nodeSelecter: {}\n', '          args: ["a", "b"\n');
    const found = codes(text);
    assert.ok(found.some((c) => c.endsWith('yaml-syntax')), found.join());
    assert.ok(found.includes('15 unknown-field'), found.join());
  });

  it('leaves syntax errors of unrelated YAML files alone', () => {
    assert.deepEqual(check('name: ci\non:\n  push: [main\n').findings, []);
  });

  it('reports syntax errors of a DaemonSet too broken to yield its kind', () => {
    const found = codes('kind: DaemonSet\napiVersion: apps/v1\nmetadata:\n  name: x\n   bad: indentation\n  - item\n');
    assert.ok(found.some((c) => c.endsWith('yaml-syntax')), found.join());
  });
});

describe('validate: settings', () => {
  const text = daemonSet('      nodeSelecter: {}\n', '', '  replicas: 2\n');

  it('turns a rule off', () => {
    assert.deepEqual(codes(text, { rules: { 'unknown-field': 'off' } }), ['7 daemonset-replicas']);
  });

  it('overrides a rule severity', () => {
    const found = check(text, { rules: { 'daemonset-replicas': 'warning' } }).findings;
    assert.deepEqual(found.map((f) => `${f.code} ${f.severity}`), ['daemonset-replicas warning', 'unknown-field error']);
  });

  it('turns syntax errors off', () => {
    assert.deepEqual(codes(daemonSet('', '          args: [a\n'), { rules: { 'yaml-syntax': 'off' } }).filter((c) => c.endsWith('yaml-syntax')), []);
  });
});

describe('validate: positions', () => {
  it('gives file offsets in later documents and CRLF files', () => {
    const text = `${configMap}---\r\n${daemonSet('      nodeSelecter: {}\n')}`.replace(/\r?\n/g, '\r\n');
    const found = check(text).findings;
    assert.deepEqual(found.map((f) => [f.line, f.column, f.text]), [[25, 7, 'nodeSelecter']]);
  });

  it('validateDocument gives the same findings as the whole file for that document', () => {
    const text = `${configMap}---\n${daemonSet('      nodeSelecter: {}\n')}`;
    const file = parseYamlFile(text);
    const one = validateDocument(file, file.documents[1], loadApiModel(), {});
    assert.ok(one.some((f) => text.slice(f.start, f.end) === 'nodeSelecter'));
    assert.deepEqual(one, validateFile(file, loadApiModel(), {}).filter((f) => f.start >= file.documents[1].start));
    assert.deepEqual(validateDocument(file, file.documents[0], loadApiModel(), {}), []);
  });
});

describe('allRuleDocs', () => {
  it('lists every rule id once with a severity and a description', () => {
    const docs = allRuleDocs();
    const ids = docs.map((d) => d.code);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ['yaml-syntax', 'removed-api-version', 'unknown-field', 'daemonset-replicas', 'invalid-type', 'invalid-quantity', 'missing-required', 'priorityclass-reserved-name', 'priorityclass-value-too-high']) {
      assert.ok(ids.includes(id), id);
    }
    for (const doc of docs) {
      assert.match(doc.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(doc.description.length > 10, doc.code);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(doc.defaultSeverity));
    }
  });
});
