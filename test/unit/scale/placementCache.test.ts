/**
 * The placement view's answer after an edit in a multi-document manifest
 * (issue 15 item 8): only the edited document is placed again, and every
 * answer equals a fresh service's on the same text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { PlacementService } from '../../../server/src/placementService';
import type { PlacementResult } from '../../../server/src/protocol';

const example = (name: string) => readFileSync(resolve(__dirname, '../../../examples', name), 'utf8');
const manifest = [example('fluentd.yaml'), example('fluentd-taint.yaml'), example('fluentd-affinity.yaml')].join('---\n');
const samplePath = resolve(__dirname, '../../../profiles/sample.profile.yaml');

function daemonSets(result: PlacementResult) {
  assert.equal(result.kind, 'ok');
  return result.kind === 'ok' ? result.daemonSets : [];
}

/** The cached service's answer after editing `before` into `after`, and a fresh service's. */
function afterEdit(before: string, after: string) {
  const service = new PlacementService();
  const first = parseYamlFile(before);
  const earlier = daemonSets(service.place(first, samplePath));
  const later = daemonSets(service.place(parseYamlFile(after, first), samplePath));
  const fresh = daemonSets(new PlacementService().place(parseYamlFile(after), samplePath));
  return { earlier, later, fresh };
}

describe('placement per document (issue 15 item 8)', () => {
  it('places again only the document an edit touched', () => {
    const { earlier, later, fresh } = afterEdit(manifest, manifest.replace(/cpu: 100m/, 'cpu: 3900m'));
    assert.equal(later.length, 3);
    assert.deepEqual(later, fresh);
    assert.notDeepEqual(later[0], earlier[0], 'the edited DaemonSet is placed again');
    // the others are the answers already made, not placed again
    assert.equal(later[1], earlier[1]);
    assert.equal(later[2], earlier[2]);
  });

  it('moves the ranges of the documents below an edit that adds lines', () => {
    const { earlier, later, fresh } = afterEdit(manifest, `# a comment\n# and another\n${manifest}`);
    assert.deepEqual(later, fresh);
    assert.equal(later[2].range.start.line, earlier[2].range.start.line + 2);
    const reason = (d: (typeof later)[number]) => d.nodes.flatMap((n) => n.reasons).find((r) => r.range);
    assert.equal(reason(later[1])?.range?.start.line, (reason(earlier[1])?.range?.start.line ?? 0) + 2);
  });

  it('places every document again on another profile', () => {
    const other = resolve(__dirname, '../../../examples/profiles/kubectl-capture.json');
    const service = new PlacementService();
    const file = parseYamlFile(manifest);
    const onSample = daemonSets(service.place(file, samplePath));
    const onOther = daemonSets(service.place(file, other));
    assert.deepEqual(onOther, daemonSets(new PlacementService().place(parseYamlFile(manifest), other)));
    assert.notDeepEqual(onOther.map((d) => d.summary), onSample.map((d) => d.summary));
  });
});
