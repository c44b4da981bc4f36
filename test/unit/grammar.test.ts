import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(__dirname, '../..');
const grammar = JSON.parse(readFileSync(resolve(root, 'syntaxes/daemonset.injection.tmLanguage.json'), 'utf8')) as {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, { match: string; name?: string; captures?: Record<string, { name: string }> }>;
};

/**
 * What each rule highlights on a line as `text=scope` (the value's scope for
 * rules with captures). The patterns use only syntax JavaScript and Oniguruma
 * read alike (no lookbehind), so JavaScript's RegExp stands in for Oniguruma.
 */
function scopes(line: string): string[] {
  return Object.values(grammar.repository).flatMap((rule) =>
    [...line.matchAll(new RegExp(rule.match, 'g'))].map((m) => (rule.captures ? `${m[3]}=${rule.captures['3'].name}` : `${m[0]}=${rule.name}`)),
  );
}

describe('DaemonSet injection grammar', () => {
  it('is injected into YAML, outside comments and quoted strings, and contributed by the manifest', () => {
    assert.equal(grammar.injectionSelector, 'L:source.yaml -comment -string.quoted');
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { contributes: { grammars: Array<{ scopeName: string; injectTo: string[]; path: string }> } };
    assert.deepEqual(manifest.contributes.grammars, [{ scopeName: grammar.scopeName, injectTo: ['source.yaml'], path: './syntaxes/daemonset.injection.tmLanguage.json' }]);
  });

  it('highlights taint effects, operators, strategies, quantities and well-known keys', () => {
    assert.deepEqual(scopes('      effect: NoSchedule'), ['NoSchedule=constant.language.taint-effect.daemonset']);
    assert.deepEqual(scopes('    operator: DoesNotExist'), ['DoesNotExist=keyword.operator.selector.daemonset']);
    assert.deepEqual(scopes('    type: OnDelete'), ['OnDelete=constant.language.update-strategy.daemonset']);
    assert.deepEqual(scopes('      memory: 200Mi'), ['200Mi=constant.numeric.quantity.daemonset']);
    assert.deepEqual(scopes('      cpu: "500m"'), ['500m=constant.numeric.quantity.daemonset']);
    assert.deepEqual(scopes('    - key: node.kubernetes.io/not-ready'), ['node.kubernetes.io/not-ready=support.constant.well-known-key.daemonset']);
  });

  it('uses no lookbehind (Oniguruma limits it)', () => {
    for (const rule of Object.values(grammar.repository)) assert.ok(!rule.match.includes('(?<'), rule.match);
  });

  it('leaves other values alone', () => {
    assert.deepEqual(scopes('      memory: lots of it'), []);
    assert.deepEqual(scopes('    name: NoSchedule'), []);
    assert.deepEqual(scopes('    type: Directory'), []);
  });
});
