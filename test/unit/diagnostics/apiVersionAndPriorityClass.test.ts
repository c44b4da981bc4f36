import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, codes, daemonSet, only } from './helpers';

describe('apiVersion rule', () => {
  for (const old of ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2']) {
    it(`rejects ${old} for a DaemonSet and fixes it to apps/v1`, () => {
      const text = daemonSet().replace('apps/v1', old);
      const f = only(text, 'removed-api-version');
      assert.equal(f.severity, 'error');
      assert.equal(f.line, 1);
      assert.equal(f.text, old);
      assert.match(f.message, /use apps\/v1/);
      assert.equal(applyFix(text, f), daemonSet());
      assert.equal(f.fixes?.[0].isPreferred, true);
    });
  }

  it('rejects an apiVersion that never served DaemonSets', () => {
    const f = only(daemonSet().replace('apps/v1', 'v1'), 'invalid-api-version');
    assert.match(f.message, /not served as v1: use apps\/v1/);
  });

  it('rejects a non-string apiVersion with the fix', () => {
    const text = daemonSet().replace('apiVersion: apps/v1', 'apiVersion: 1');
    const f = only(text, 'invalid-api-version');
    assert.match(f.message, /not served as 1: use apps\/v1/);
    assert.deepEqual(codes(text), ['1 invalid-api-version']);
    assert.equal(applyFix(text, f), daemonSet());
  });

  it('reports a missing apiVersion once, at the kind', () => {
    const text = daemonSet().replace('apiVersion: apps/v1\n', '');
    assert.deepEqual(codes(text).filter((c) => c.endsWith('api-version') || c.endsWith('missing-required')), ['1 invalid-api-version']);
  });

  it('rejects removed PriorityClass versions', () => {
    const text = 'apiVersion: scheduling.k8s.io/v1beta1\nkind: PriorityClass\nmetadata:\n  name: agents\nvalue: 1000\n';
    assert.match(only(text, 'removed-api-version').message, /use scheduling\.k8s\.io\/v1/);
  });
});

const priorityClass = (name: string, value: string, extra = '') => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\n${value ? `value: ${value}\n` : ''}${extra}`;

describe('PriorityClass rules', () => {
  it('accepts a user class up to 1,000,000,000', () => {
    assert.deepEqual(check(priorityClass('node-agents', '1000000000', 'globalDefault: false\npreemptionPolicy: Never\ndescription: agents\n')).findings, []);
  });

  it('rejects a user class above 1,000,000,000 at the value', () => {
    const f = only(priorityClass('node-agents', '1000000001'), 'priorityclass-value-too-high');
    assert.equal(f.line, 5);
    assert.equal(f.text, '1000000001');
  });

  it('reserves the system- prefix for the built-in classes', () => {
    const f = only(priorityClass('system-agents', '1000'), 'priorityclass-reserved-name');
    assert.equal(f.text, 'system-agents');
    assert.match(f.message, /not a known system priority class/);
  });

  it('accepts a built-in class restated exactly, rejects one with another value, no value or globalDefault', () => {
    assert.deepEqual(check(priorityClass('system-node-critical', '2000001000')).findings, []);
    assert.match(only(priorityClass('system-node-critical', '1000'), 'priorityclass-reserved-name').message, /must be 2000001000/);
    assert.match(only(priorityClass('system-cluster-critical', ''), 'priorityclass-reserved-name').message, /must be 2000000000/);
    assert.match(only(priorityClass('system-cluster-critical', '2000000000', 'globalDefault: true\n'), 'priorityclass-reserved-name').message, /globalDefault/);
  });

  it('checks the PriorityClass schema (unknown fields, types, enums)', () => {
    assert.match(only(priorityClass('a', '"1000"'), 'invalid-type').message, /expected an integer/);
    assert.match(only(priorityClass('a', '1000', 'preemptionPolicy: Always\n'), 'invalid-enum').message, /"Never", "PreemptLowerPriority"/);
    assert.match(only(priorityClass('a', '1000', 'globalDefult: true\n'), 'unknown-field').message, /did you mean `globalDefault`/);
  });
});
