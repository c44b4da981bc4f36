/**
 * Type errors follow what kubectl sends: go-yaml v2 resolution of every plain
 * scalar (yamlModel/goYamlScalars.ts), then sigs.k8s.io/yaml's JSON. A value
 * that kubectl sends as a string gets no type error; one it sends as a number,
 * boolean or a float JSON cannot hold still does.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, daemonSet, only } from './helpers';

const errors = (text: string) =>
  check(text)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.line} ${f.code} ${f.message}`);

/** The valid DaemonSet with extra template labels (flow style) and a nodeSelector. */
function withLabelsAndSelector(labels: string, nodeSelector: string): string {
  return daemonSet(`      nodeSelector: ${nodeSelector}\n`).replace('        app: agent\n    spec', `        app: agent\n        ${labels}\n    spec`);
}

describe('scalars kubectl sends as strings', () => {
  it('gives no type error for `labels: {tier: e1}` and `nodeSelector: {zone: e5}` (issue 12)', () => {
    const text = daemonSet('      nodeSelector: {zone: e5}\n').replace('  name: agent\n', '  name: agent\n  labels: {tier: e1}\n');
    assert.deepEqual(errors(text), []);
  });

  for (const word of ['e1', 'E5', 'e10', '1e', '2001-12-14', '0x', '0b', '1e400', '0x1p-2', 'inf', 'NaN', '1.2.3']) {
    it(`accepts ${word} as a label and nodeSelector value`, () => {
      assert.deepEqual(errors(withLabelsAndSelector(`tier: ${word}`, `{zone: ${word}}`)), []);
    });
  }

  for (const word of ['1:20', '190:20:30', '2001-12-14T21:59:43.10Z', '.e1', '-b_c', '._5', '+']) {
    it(`accepts ${word} as an env value (a string field without label rules)`, () => {
      assert.deepEqual(errors(daemonSet('', `          env:\n            - name: A\n              value: ${word}\n`)), []);
    });
  }
});

describe('scalars kubectl sends as numbers or booleans', () => {
  for (const [word, kind] of [
    ['1e3', 'number'],
    ['08', 'number'],
    ['0o17', 'number'],
    ['0x1F', 'number'],
    ['1_000', 'number'],
    ['1__', 'number'],
    ['012', 'number'],
    ['.5', 'number'],
    ['on', 'boolean'],
    ['n', 'boolean'],
  ]) {
    it(`rejects the nodeSelector value ${word} (a ${kind} to kubectl) and quotes it as written`, () => {
      const text = daemonSet(`      nodeSelector:\n        zone: ${word}\n`);
      const f = only(text, 'invalid-type');
      assert.equal(f.text, word);
      assert.match(f.message, new RegExp(`expected a string, got the ${kind} ${word.replace('.', '\\.')}`));
      assert.match(applyFix(text, f), new RegExp(`zone: "${word.replace('.', '\\.')}"`));
    });
  }

  it('rejects .inf and .nan anywhere: encoding/json cannot write them, so kubectl fails', () => {
    const f = only(daemonSet('      terminationGracePeriodSeconds: .inf\n'), 'invalid-type');
    assert.match(f.message, /\.inf is a float JSON cannot carry/);
    assert.match(only(daemonSet('', '          env:\n            - name: A\n              value: -.Inf\n'), 'invalid-type').message, /-\.Inf is a float/);
    assert.match(only(daemonSet('      nodeSelector:\n        zone: .NaN\n'), 'invalid-type').message, /\.NaN is a float/);
  });

  it('accepts 0o17, 0B101, 1e3 and 1_000 in an integer field (go-yaml reads them as numbers)', () => {
    for (const word of ['0o17', '0B101', '1e3', '1_000', '+0x1F', '0b-101']) {
      assert.deepEqual(errors(daemonSet(`      terminationGracePeriodSeconds: ${word}\n`)).filter((e) => e.includes('invalid-type')), [], word);
    }
  });
});

describe('explicit tags', () => {
  it('reports a value its tag cannot decode, as kubectl does', () => {
    const f = only(daemonSet('      terminationGracePeriodSeconds: !!int abc\n'), 'yaml-syntax');
    assert.match(f.message, /cannot decode !!str `abc` as a !!int/);
  });

  it('reads !!str 1 as a string and !!int "30" as an integer', () => {
    assert.deepEqual(errors(daemonSet('      nodeSelector:\n        zone: !!str 1\n      terminationGracePeriodSeconds: !!int "30"\n')), []);
  });
});
