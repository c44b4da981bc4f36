/**
 * `helm.path` of `.daemonset-tools.yaml`, in the editor and on the command
 * line alike: a bare name (`helm`) is the program on PATH, a path is relative
 * to the configuration file's folder. (A bare `helm` used to become
 * `<config folder>/helm`, a file that does not exist, so helm never ran.)
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChartRenders } from '../../../server/src/chartRenders';
import { withConfig } from '../../../server/src/cli/chartInput';
import { overlayOptions } from '../../../server/src/cli/overlays';
import { BuiltinChartEngine } from '../../../server/src/helm/render/engines';

describe('helm.path of .daemonset-tools.yaml', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dst-helm-path-'));
    mkdirSync(join(dir, 'chart/templates'), { recursive: true });
    writeFileSync(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: agent\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart/templates/configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, (dir: string) => string]> = [
    ['helm', () => 'helm'],
    ['helm3', () => 'helm3'],
    ['tools/helm', (d) => join(d, 'tools/helm')],
    ['./helm', (d) => join(d, 'helm')],
    ['/usr/local/bin/helm', () => '/usr/local/bin/helm'],
  ];

  it('runs the helm it names in the editor (trusted workspace)', async () => {
    for (const [configured, expected] of cases) {
      const ran: string[] = [];
      const builtin = new BuiltinChartEngine();
      const renders = new ChartRenders({
        openText: () => undefined,
        trusted: () => true,
        helmPathSetting: () => '',
        helmConfig: () => ({ helm: { path: configured }, path: join(dir, '.daemonset-tools.yaml') }),
        // the stand-in helm records which program would run and renders with the built-in engine
        engines: { builtin, helm: (helmPath) => (ran.push(helmPath), builtin) },
      });
      await renders.render(join(dir, 'chart'), undefined);
      assert.deepEqual(ran, [expected(dir)], configured);
    }
  });

  it('gives the command line the same helm', () => {
    for (const [configured, expected] of cases) {
      const options = withConfig({ valuesFiles: [], sets: [], setStrings: [], engine: 'auto' }, { path: join(dir, '.daemonset-tools.yaml'), rules: {}, ignore: [], helm: { path: configured }, kustomize: {} }, 'chart', dir);
      assert.equal(options.helmPath, expected(dir), configured);
    }
  });

  it('reads kustomize.kubectlPath the same way', () => {
    for (const [configured, expected] of cases) {
      const options = overlayOptions({ flags: new Map(), positionals: ['overlay'] }, { path: join(dir, '.daemonset-tools.yaml'), rules: {}, ignore: [], helm: {}, kustomize: { kubectlPath: configured.replace(/helm(3?)$/, 'kubectl$1') } });
      assert.equal(options.kubectlPath, expected(dir).replace(/helm(3?)$/, 'kubectl$1'), configured);
    }
  });
});
