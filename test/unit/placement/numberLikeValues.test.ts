/**
 * Node names and label values that look like numbers, placed end to end (YAML
 * DaemonSet + YAML profile → placement), with the diagnostics beside them.
 *
 * kubectl reads scalars with go-yaml v2: `e1` is a string, so a DaemonSet that
 * selects `e1` applies and must place on the node named or labelled `e1`.
 * `1e3`, `0x1F`, `1_000`, `on`, `012` unquoted are numbers or booleans to
 * kubectl: in a nodeSelector or a selector's values they make `kubectl apply`
 * fail, which the diagnostics report as an error (with a quote-it fix);
 * placement, lenient on purpose, reads them as written, i.e. as the fix
 * would quote them. A profile reads names and labels the same way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { readProfile } from '../../../server/src/languageService/profiles';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../../../server/src/placement';
import { daemonSet as validDaemonSet } from '../diagnostics/helpers';

const WORDS = ['e1', '1e3', '0x1F', '1_000', 'on', '012'];

/** One node per word, named by it and labelled `zone: <word>`, all unquoted as a user would type them. */
const PROFILE = `kind: ClusterProfile
metadata: {name: number-like}
nodes:
${WORDS.map((w) => `  - name: ${w}\n    labels: {zone: ${w}}\n`).join('')}`;

/** The shared valid DaemonSet with the pod-spec lines in, and requests that fit every node. */
const daemonSet = (podSpec: string) => validDaemonSet(podSpec, '          resources: {requests: {cpu: 10m, memory: 10Mi}}\n');

const affinity = (kind: 'matchFields' | 'matchExpressions', key: string, values: string) =>
  `      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - ${kind}: [{key: ${key}, operator: In, values: ${values}}]\n`;

function place(text: string): { runs: string[]; errors: string[] } {
  const { profile, errors: profileErrors } = readProfile(PROFILE, 'number-like.profile.yaml');
  assert.deepEqual(profileErrors, []);
  assert.ok(profile);
  const file = parseYamlFile(text);
  const model = daemonSetFromYaml(file.documents[0]);
  assert.ok(model);
  const runs = placeDaemonSet(model, profile).nodes.filter((n) => n.status === 'runs').map((n) => n.name);
  const errors = validateFile(file, loadApiModel(), {})
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
  return { runs, errors };
}

describe('number-like node names and label values', () => {
  it('reads the profile names and labels as written', () => {
    const { profile } = readProfile(PROFILE, 'number-like.profile.yaml');
    assert.deepEqual(profile?.nodes.map((n) => n.name), WORDS);
    assert.deepEqual(profile?.nodes.map((n) => n.labels.zone), WORDS);
  });

  it('places `matchFields: [{key: metadata.name, operator: In, values: [e1]}]` on the node named e1 (issue 12)', () => {
    assert.deepEqual(place(daemonSet(affinity('matchFields', 'metadata.name', '[e1]'))), { runs: ['e1'], errors: [] });
  });

  it('places `nodeSelector: {zone: e1}` and `zone In [e1]` on the node labelled e1, without errors', () => {
    assert.deepEqual(place(daemonSet('      nodeSelector: {zone: e1}\n')), { runs: ['e1'], errors: [] });
    assert.deepEqual(place(daemonSet(affinity('matchExpressions', 'zone', '[e1]'))), { runs: ['e1'], errors: [] });
  });

  for (const word of WORDS.filter((w) => w !== 'e1')) {
    it(`reports an unquoted nodeSelector value ${word} (kubectl apply fails) and places it as quoting would`, () => {
      assert.deepEqual(place(daemonSet(`      nodeSelector: {zone: ${word}}\n`)), { runs: [word], errors: [`invalid-type ${word}`] });
    });
  }

  it('reports number-like values in matchFields and matchExpressions, and places them as written', () => {
    assert.deepEqual(place(daemonSet(affinity('matchFields', 'metadata.name', '[0x1F]'))), { runs: ['0x1F'], errors: ['invalid-type 0x1F'] });
    assert.deepEqual(place(daemonSet(affinity('matchExpressions', 'zone', '[e1, on, 1_000, "012"]'))), { runs: ['e1', '1_000', 'on', '012'], errors: ['invalid-type on', 'invalid-type 1_000'] });
  });
});
