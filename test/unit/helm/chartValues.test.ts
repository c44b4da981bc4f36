/** The values completion and hover show: read as Helm reads them (go-yaml v2), not as YAML 1.2. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { valueEntries } from '../../../server/src/helm/chart';

describe('values of a chart for completion and hover', () => {
  it('shows each scalar as the template sees it: go-yaml v2 booleans, octals and floats', () => {
    const entries = valueEntries('enabled: yes\nmode: 0755\nhex: 0x1F\nbig: 1e400\nversion: e1\nport: !!int "80"\nname: "agent"\nnothing: ~\n');
    assert.deepEqual(Object.fromEntries(entries.map((e) => [e.path.join('.'), e.summary])), {
      enabled: 'true',
      mode: '493',
      hex: '31',
      big: '"1e400"',
      version: '"e1"',
      port: '80',
      name: '"agent"',
      nothing: 'null',
    });
  });
});
