import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';

const snippets = JSON.parse(readFileSync(resolve(__dirname, '../../../snippets/daemonset.code-snippets'), 'utf8')) as Record<string, { prefix: string | string[]; body: string[] }>;

/** Expands a snippet body as VS Code would with the defaults: placeholders, first choices, mirrors. */
function expand(body: string[]): string {
  const values = new Map<string, string>();
  let text = body.join('\n');
  text = text.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_m, n: string, choices: string) => {
    values.set(n, choices.split(',')[0]);
    return choices.split(',')[0];
  });
  text = text.replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, value: string) => {
    values.set(n, value);
    return value;
  });
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_m, a: string | undefined, b: string | undefined) => values.get(a ?? b ?? '') ?? '');
}

/** A minimal DaemonSet with a fragment spliced in at a pod-spec or container-list position. */
function embed(fragment: string, at: 'podSpec' | 'tolerations' | 'containers' | 'spec'): string {
  const indent = (text: string, n: number) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  const pod = at === 'podSpec' ? indent(fragment, 6) + '\n' : at === 'tolerations' ? `      tolerations:\n${indent(fragment, 8)}\n` : '';
  const containers = at === 'containers' ? indent(fragment, 8) : '        - name: agent\n          image: registry.example/agent:1.0.0';
  const spec = at === 'spec' ? indent(fragment, 2) + '\n' : '';
  return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n${spec}  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n${pod}      containers:\n${containers}\n`;
}

const PLACES: Record<string, 'podSpec' | 'tolerations' | 'containers' | 'spec' | 'whole'> = {
  'DaemonSet (log collector)': 'whole',
  'Toleration: control-plane nodes': 'tolerations',
  'Toleration: every taint': 'tolerations',
  'Node affinity: required': 'podSpec',
  'Node affinity: preferred': 'podSpec',
  'Update strategy: RollingUpdate': 'spec',
  'Container with resources and probes': 'containers',
  'hostPath volume with its mount': 'podSpec',
};

describe('snippets', () => {
  it('has every snippet the product promises', () => {
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(PLACES).sort());
  });

  for (const [name, place] of Object.entries(PLACES)) {
    it(`"${name}" expands to YAML the API server accepts`, () => {
      const expanded = expand(snippets[name].body);
      assert.deepEqual(parseDocument(expanded).errors, []);
      const manifest = place === 'whole' ? expanded : embed(expanded, place);
      const errors = validateFile(parseYamlFile(manifest), loadApiModel()).filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], manifest);
    });
  }
});
