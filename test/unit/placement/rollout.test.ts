import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateRollout } from '../../../server/src/placement/rollout';

describe('rollout estimate', () => {
  it('defaults to one node at a time', () => {
    const estimate = estimateRollout({}, 47);
    assert.deepEqual([estimate.atOnce, estimate.waves], [1, 47]);
  });

  it('rounds percentages up against the nodes that run the pod', () => {
    assert.deepEqual([estimateRollout({ maxUnavailable: '10%' }, 47).atOnce, estimateRollout({ maxUnavailable: '10%' }, 47).waves], [5, 10]);
    assert.equal(estimateRollout({ maxUnavailable: '1%' }, 5).atOnce, 1);
  });

  it('surges when maxSurge is set, and says what OnDelete means', () => {
    const surge = estimateRollout({ maxUnavailable: 0, maxSurge: '25%' }, 8);
    assert.deepEqual([surge.atOnce, surge.waves], [2, 4]);
    assert.match(surge.summary, /maxSurge/);
    assert.match(estimateRollout({ type: 'OnDelete' }, 8).summary, /until you delete it/);
  });
});
