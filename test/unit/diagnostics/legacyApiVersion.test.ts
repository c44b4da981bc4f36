import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codes } from './helpers';

const lines = (text: string) => codes(text);

describe('a DaemonSet on the removed extensions/v1beta1', () => {
  it('is reported for its apiVersion, not for the selector that API defaulted from the template labels', () => {
    const legacy = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: flannel}\nspec:\n  template:\n    metadata: {labels: {app: flannel}}\n    spec:\n      containers: [{name: c, image: "i:1"}]\n';
    assert.deepEqual(lines(legacy), ['1 removed-api-version']);
    assert.deepEqual(lines(legacy.replace('extensions/v1beta1', 'apps/v1')), ['4 missing-required']);
  });
});
