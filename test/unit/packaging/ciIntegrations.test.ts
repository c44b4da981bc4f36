/**
 * The CI integrations run as their hosts would run them, as far as this
 * machine allows: the GitHub Action's shell steps with its inputs and
 * GITHUB_OUTPUT (the `uses:` steps are GitHub's own), the pre-commit hook's
 * entry on the files its patterns select, the GitLab job's script. The
 * published npm package is replaced by this build's CLI (DAEMONSET_TOOLS_CLI
 * in the action, the `npx …` prefix elsewhere).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const cli = `node ${join(root, 'dist', 'cli.js')}`;
const BROKEN = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: a, image: "busybox:1.36"}]}\n';
const GOOD = BROKEN.replace('app: other', 'app: agent');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dst-ci-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('CI integrations', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const [manifest, expected] of [[GOOD, '0'], [BROKEN, '1']] as const) {
    it(`the GitHub Action's steps write SARIF and exit ${expected} on a manifest ${expected === '0' ? 'without' : 'with'} errors`, () => {
      const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Array<{ id?: string; run?: string; uses?: string; if?: string }> } };
      assert.equal(action.runs.using, 'composite');
      const dir = workspace({ 'ds.yaml': manifest });
      dirs.push(dir);
      const inputs: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), paths: 'ds.yaml' };
      const output = join(dir, 'github-output');
      writeFileSync(output, '');
      const outputs: Record<string, string> = {};
      let last = 0;
      for (const step of action.runs.steps) {
        if (!step.run) continue; // actions/setup-node and upload-sarif are GitHub's own
        const script = step.run
          .replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, name: string) => inputs[name])
          .replace(/\$\{\{ steps\.check\.outputs\.([\w-]+) \}\}/g, (_m, name: string) => outputs[name] ?? '');
        const run = spawnSync('bash', ['-e', '-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_OUTPUT: output, DAEMONSET_TOOLS_CLI: cli } });
        last = run.status ?? -1;
        for (const line of readFileSync(output, 'utf8').split('\n').filter(Boolean)) {
          const [key, value] = line.split('=');
          outputs[key] = value;
        }
      }
      assert.equal(outputs['exit-code'], expected);
      assert.equal(String(last), expected, 'the last step fails the job on errors');
      const sarif = JSON.parse(readFileSync(join(dir, inputs['sarif-file']), 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs[0].results.some((r) => r.ruleId === 'selector-mismatch'), expected === '1');
    });
  }

  it('the pre-commit hook checks the manifests its patterns select, not values files', () => {
    const [hook] = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string; exclude: string }>;
    assert.equal(hook.id, 'daemonset-tools-check');
    const dir = workspace({ 'ds.yaml': BROKEN, 'values.yaml': 'image: {tag: latest}\n', 'README.md': '# x\n' });
    dirs.push(dir);
    const staged = ['ds.yaml', 'values.yaml', 'README.md'].filter((f) => new RegExp(hook.files).test(f) && !new RegExp(hook.exclude).test(f));
    assert.deepEqual(staged, ['ds.yaml']);
    const run = spawnSync('bash', ['-c', `${hook.entry.replace(/^daemonset-tools/, cli)} ${staged.join(' ')}`], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1, 'a commit with an error is stopped');
    assert.match(run.stdout, /ds\.yaml:\d+:\d+ error selector-mismatch/);
  });

  it('the GitLab job keeps the SARIF report and fails on errors', () => {
    const job = (parse(readFileSync(join(root, 'docs', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; variables: Record<string, string>; artifacts: { paths: string[] } }>)['daemonset-tools'];
    const dir = workspace({ 'ds.yaml': BROKEN });
    dirs.push(dir);
    const script = job.script.map((line) => line.replace(/npx --yes daemonset-tools@[\w.]+/g, cli)).join('\n');
    const run = spawnSync('bash', ['-e', '-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...job.variables } });
    assert.equal(run.status, 1);
    const sarif = JSON.parse(readFileSync(join(dir, job.artifacts.paths[0]), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    assert.ok(sarif.runs[0].results.length > 0);
  });
});
