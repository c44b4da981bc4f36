import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatMilliCpu, parseQuantity } from '../../../server/src/placement/quantity';

describe('parseQuantity', () => {
  it('accepts what upstream accepts, with exact milli and whole values', () => {
    assert.equal(parseQuantity('500m')?.milli, 500n);
    assert.equal(parseQuantity('2')?.milli, 2000n);
    assert.equal(parseQuantity(0.5)?.milli, 500n);
    assert.equal(parseQuantity('1.5Gi')?.value, 1610612736n);
    assert.equal(parseQuantity('128Mi')?.value, 134217728n);
    assert.equal(parseQuantity('1e3')?.value, 1000n);
    assert.equal(parseQuantity('1E3')?.value, 1000n);
    assert.equal(parseQuantity('1E')?.value, 10n ** 18n);
    assert.equal(parseQuantity('100k')?.value, 100000n);
    assert.equal(parseQuantity('.5')?.milli, 500n);
    assert.equal(parseQuantity('1.')?.value, 1n);
    assert.equal(parseQuantity('+1')?.value, 1n);
    assert.equal(parseQuantity('-1')?.value, -1n);
  });

  it('rounds up like MilliValue and Value', () => {
    assert.equal(parseQuantity('0.0001')?.milli, 1n);
    assert.equal(parseQuantity('100m')?.value, 1n);
  });

  it('rejects what upstream rejects', () => {
    for (const bad of ['1.5 Gi', 'abc', '1Gb', '', 'Gi', '1.2.3', '1e', '10 m', '1K', '--1', ' 1']) {
      assert.equal(parseQuantity(bad), undefined, bad);
    }
  });

  it('formats figures for messages', () => {
    assert.equal(formatMilliCpu(500n), '500m');
    assert.equal(formatMilliCpu(4000n), '4');
    assert.equal(formatMilliCpu(1500n), '1.5');
    assert.equal(formatBytes(200n * 1024n * 1024n), '200Mi');
    assert.equal(formatBytes(3n * 1024n ** 3n / 2n), '1.5Gi');
  });
});
