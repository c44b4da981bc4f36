/**
 * A short seeded run of the edit fuzzer (test/fuzz/editFuzz.ts): after every
 * random edit, what the server would answer from its incremental model and
 * findings cache equals a fresh parse and validation. `npm run fuzz` runs it long.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFailure, fuzz } from '../../fuzz/editFuzz';

describe('edit fuzzer (issue 15, item 1)', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: 150 edits, every answer equal to a fresh server's`, () => {
      const failure = fuzz({ seed, edits: 150, editsPerFile: 50 });
      assert.equal(failure && describeFailure(failure), undefined);
    });
  }
});
