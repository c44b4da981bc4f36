import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { placementFixes } from '../../../server/src/languageService/placementFixes';
import { readProfile } from '../../../server/src/languageService/profiles';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../../../server/src/placement';
import { daemonSetFromYaml } from '../../../server/src/languageService/daemonSetModel';

const root = resolve(__dirname, '../../..');
const profile = readProfile(readFileSync(resolve(root, 'examples/profiles/guide.profile.yaml'), 'utf8'), 'guide.profile.yaml').profile!;
const apply = (text: string, edits: Array<{ start: number; end: number; newText: string }>) => [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
const runsOn = (text: string) => placeDaemonSet(daemonSetFromYaml(parseYamlFile(text).documents[0])!, profile).summary.runs;

describe('placement quick fixes', () => {
  it('tolerates a taint that keeps the DaemonSet off nodes, and the nodes then run it', () => {
    const text = readFileSync(resolve(root, 'examples/fluentd.yaml'), 'utf8');
    const fixes = placementFixes(parseYamlFile(text), 0, profile);
    const gpu = fixes.find((f) => f.title === 'Tolerate taint nvidia.com/gpu=present:NoSchedule on 2 nodes');
    assert.ok(gpu, fixes.map((f) => f.title).join(', '));
    const fixed = apply(text, gpu.edits);
    assert.equal(runsOn(fixed), runsOn(text) + 2);
    const noTolerations = text.replace(/ {6}tolerations:\n(?: {8}.*\n| {10}.*\n)+/, '');
    const added = placementFixes(parseYamlFile(noTolerations), 0, profile).find((f) => f.title.startsWith('Tolerate taint node-role.kubernetes.io/control-plane:NoSchedule'));
    assert.ok(added);
    assert.match(apply(noTolerations, added.edits), /\n {6}tolerations:\n {8}- key: node-role\.kubernetes\.io\/control-plane\n {10}operator: Exists\n {10}effect: NoSchedule\n/);
  });

  it('removes a nodeSelector key that matches no node', () => {
    const text = readFileSync(resolve(root, 'examples/fluentd-nodeselector.yaml'), 'utf8').replace('type: platform-tools', 'type: platform-tools\n        disk: nvme');
    assert.equal(runsOn(text), 0);
    const fix = placementFixes(parseYamlFile(text), 0, profile).find((f) => f.title.startsWith('Remove nodeSelector key disk'));
    assert.ok(fix);
    assert.equal(runsOn(apply(text, fix.edits)), 2);
  });
});
