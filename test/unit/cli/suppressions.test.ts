import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from './runCli';

const FILE = 'test/fixtures/suppressions/agent.yaml';

describe('check and suppressions', () => {
  it('leaves silenced findings out, an explicitly silenced error included (exit 0)', async () => {
    const { code, stdout } = await cli('check', '--format', 'json', FILE);
    const codes = (JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ code: string }>; suppressed?: unknown }> }).files[0];
    assert.equal(code, 0, stdout);
    assert.ok(!codes.diagnostics.some((d) => ['image-tag', 'unknown-field', 'no-liveness-probe'].includes(d.code)), stdout);
    assert.equal(codes.suppressed, undefined, 'the JSON shape is unchanged without --show-suppressed');
  });

  it('--show-suppressed lists them apart with the directive and its reason, in every format', async () => {
    const json = JSON.parse((await cli('check', '--format', 'json', '--show-suppressed', FILE)).stdout) as { files: Array<{ suppressed: Array<{ code: string; line: number; suppressedBy: string }> }> };
    assert.deepEqual(json.files[0].suppressed.map((d) => `${d.line} ${d.code} ${d.suppressedBy}`), [
      '16 no-liveness-probe annotation ignore-check.kube-linter.io/no-liveness-probe',
      '18 image-tag daemonset-tools-disable-next-line comment (pinned by digest in the CD pipeline)',
      '23 unknown-field daemonset-tools-disable-next-line comment (read by our admission webhook)',
    ]);
    const text = (await cli('check', '--show-suppressed', FILE)).stdout;
    assert.match(text, /suppressed \(3\):\n.*\n.*agent\.yaml:18:18 suppressed image-tag .*\[daemonset-tools-disable-next-line comment \(pinned by digest in the CD pipeline\)\]/);
    const sarif = JSON.parse((await cli('check', '--format', 'sarif', '--show-suppressed', FILE)).stdout) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification: string }> }> }> };
    const silenced = sarif.runs[0].results.find((r) => r.ruleId === 'image-tag');
    assert.deepEqual(silenced?.suppressions, [{ kind: 'inSource', justification: 'daemonset-tools-disable-next-line comment (pinned by digest in the CD pipeline)' }]);
  });
});
