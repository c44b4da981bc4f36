/**
 * One discovery of a chart's values files: the chart index (hover and
 * completion of `.Values`) and Select Values Files (the preview) list the same
 * files in the same order.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ChartRenders } from '../../../server/src/chartRenders';
import { nodeChartAccess, readChartIndex, valuesFileNames } from '../../../server/src/helm/chart';

describe('the values files of a chart', () => {
  it('are values.yaml first, the others next to Chart.yaml by name, then ci/*.yaml, for the index and the preview alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dst-values-files-'));
    try {
      mkdirSync(join(dir, 'templates'));
      mkdirSync(join(dir, 'ci'));
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: agent\nversion: 0.1.0\n');
      for (const name of ['values-prod.yaml', 'values.yaml', 'staging.values.yaml', 'ci/gpu-values.yaml', 'ci/a.yaml', 'ci/notes.txt', 'other.yaml']) writeFileSync(join(dir, name), 'a: 1\n');
      const expected = ['values.yaml', 'staging.values.yaml', 'values-prod.yaml', 'ci/a.yaml', 'ci/gpu-values.yaml'];
      assert.deepEqual(valuesFileNames(dir, nodeChartAccess()), expected);
      assert.deepEqual(readChartIndex(dir, nodeChartAccess()).valuesFiles.map((f) => f.name), expected);
      const renders = new ChartRenders({ openText: () => undefined, trusted: () => false, helmPathSetting: () => '', helmConfig: () => undefined });
      assert.deepEqual((await renders.render(dir, undefined)).info.availableValuesFiles, expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
