/**
 * Half-typed and broken text must never make a rule throw: every prefix of
 * the corpus files (what the document looks like while it is being typed) and
 * the classic kinds of broken YAML are validated with a rule-error hook.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { check, daemonSet } from './helpers';

const valid = resolve(__dirname, '../../fixtures/manifests/valid');

function ruleErrors(text: string): string[] {
  const errors: string[] = [];
  check(text, { onRuleError: (error) => errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error)) });
  return errors;
}

describe('robustness', () => {
  for (const name of readdirSync(valid).filter((n) => n.endsWith('.yaml'))) {
    it(`every prefix of ${name} validates without a rule error`, () => {
      const text = readFileSync(join(valid, name), 'utf8');
      for (let end = 0; end <= text.length; end += 7) {
        assert.deepEqual(ruleErrors(text.slice(0, end)), [], `${name} cut at ${end}`);
      }
    });
  }

  const broken: Record<string, string> = {
    'a key with no value': daemonSet('      nodeSelector:\n      hostNetwork:\n'),
    'a dangling dash': daemonSet('      tolerations:\n        -\n'),
    'a half-typed key': daemonSet('      nodeSel\n'),
    'tabs': daemonSet('\thostNetwork: true\n'),
    'wrong indentation': daemonSet('    hostNetwork: true\n'),
    'a scalar document': 'just text\n',
    'a list document': '- a\n- b\n',
    'an alias to nothing': daemonSet('      nodeSelector: *missing\n'),
    'a self-referencing alias': daemonSet('      affinity: &a\n        nodeAffinity: *a\n'),
    'non-string keys': daemonSet('      1: 2\n      [a, b]: c\n      {x: y}: z\n      ? complex\n      : value\n'),
    'a tagged value': daemonSet('      hostNetwork: !!str true\n      nodeSelector: !custom {a: b}\n'),
    'kind without apiVersion in flow style': '{kind: DaemonSet, spec: [1, 2]}\n',
    'an empty file': '',
    'only a marker': '---\n',
    'a BOM': `\uFEFF${daemonSet()}`,
  };
  for (const [what, text] of Object.entries(broken)) {
    it(`survives ${what}`, () => assert.deepEqual(ruleErrors(text), []));
  }

  it('treats a tagged !!str 1 as the string it is', () => {
    const found = check(daemonSet('', '          env:\n            - name: A\n              value: !!str 1\n')).findings;
    assert.deepEqual(found.filter((f) => f.severity === 'error'), []);
  });
});
