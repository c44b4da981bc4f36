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

  it('names each key as the template reaches it (go-yaml v2 keys through JSON) and expands << merges', () => {
    const entries = valueEntries('on: 1\n0x1F: a\ne1: b\n"0755": c\nbase: &b {port: 80}\nsvc:\n  <<: *b\n  name: x\n');
    assert.deepEqual(entries.map((e) => e.path.join('.')), ['true', '31', 'e1', '0755', 'base', 'base.port', 'svc', 'svc.port', 'svc.name']);
  });
});
