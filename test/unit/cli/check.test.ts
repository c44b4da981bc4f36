/**
 * `daemonset-tools check`: in-process through runCli (captured output) for
 * every format and exit code, and once as a real process from a fresh bundle
 * of the CLI entry point, as CI runs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { runCli } from '../../../server/src/cli/runCli';

const repoRoot = resolve(__dirname, '../../..');
const VALID = 'test/fixtures/manifests/valid/node-exporter.yaml';
const INVALID = 'test/fixtures/manifests/invalid/unknown-field-typo.yaml';

async function run(args: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

interface JsonReport {
  files: Array<{ path: string; diagnostics: Array<{ line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }> }>;
}

describe('check --format json', () => {
  it('has exactly the documented shape, 1-based positions, and exits 1 on an error', async () => {
    const result = await run(['check', '--format', 'json', VALID, INVALID]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(Object.keys(report), ['files']);
    assert.deepEqual(report.files.map((f) => f.path), [VALID, INVALID]);
    for (const file of report.files) assert.deepEqual(Object.keys(file), ['path', 'diagnostics']);
    assert.deepEqual(report.files[0].diagnostics.filter((d) => d.severity === 'error'), []);
    const typo = report.files[1].diagnostics.find((d) => d.code === 'unknown-field');
    assert.ok(typo);
    assert.deepEqual(Object.keys(typo), ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    // `      nodeSelecter:` on line 18: the key spans columns 7 to 19 (end exclusive).
    assert.deepEqual([typo.line, typo.column, typo.endLine, typo.endColumn, typo.severity], [18, 7, 18, 19, 'error']);
    assert.match(typo.message, /nodeSelector/);
    for (const d of report.files.flatMap((f) => f.diagnostics)) assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
  });

  it('takes the options after the files too', async () => {
    const result = await run(['check', INVALID, '--format', 'json']);
    assert.equal(result.code, 1);
    assert.deepEqual((JSON.parse(result.stdout) as JsonReport).files.map((f) => f.path), [INVALID]);
  });

  it('lists clean files with an empty list and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dst-check-'));
    try {
      writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
      const result = await run(['check', '--format=json', 'cm.yaml'], dir);
      assert.equal(result.code, 0);
      assert.deepEqual(JSON.parse(result.stdout), { files: [{ path: 'cm.yaml', diagnostics: [] }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives line numbers of a CRLF file as an editor shows them', async () => {
    const result = await run(['check', '--format', 'json', 'test/fixtures/manifests/invalid/crlf-removed-api-version.yaml']);
    const [d] = (JSON.parse(result.stdout) as JsonReport).files[0].diagnostics.filter((x) => x.severity === 'error');
    assert.deepEqual([d.code, d.line, d.column, d.endLine, d.endColumn], ['removed-api-version', 3, 13, 3, 25]);
  });
});

describe('check: folders', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dst-folders-'));
    mkdirSync(join(dir, 'deploy', 'agents'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    const broken = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  replicas: 2\n';
    writeFileSync(join(dir, 'deploy', 'agents', 'b.yml'), broken);
    writeFileSync(join(dir, 'deploy', 'a.yaml'), 'kind: ConfigMap\napiVersion: v1\n');
    writeFileSync(join(dir, 'deploy', 'notes.txt'), broken);
    writeFileSync(join(dir, 'node_modules', 'pkg', 'c.yaml'), broken);
    writeFileSync(join(dir, '.git', 'd.yaml'), broken);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders for *.yaml and *.yml, skipping node_modules and .git, paths relative as given', async () => {
    const result = await run(['check', '--format', 'json', '.'], dir);
    assert.deepEqual((JSON.parse(result.stdout) as JsonReport).files.map((f) => f.path), ['deploy/a.yaml', 'deploy/agents/b.yml']);
    assert.equal(result.code, 1);
    const named = await run(['check', '--format', 'json', 'deploy'], dir);
    assert.deepEqual((JSON.parse(named.stdout) as JsonReport).files.map((f) => f.path), ['deploy/a.yaml', 'deploy/agents/b.yml']);
    const twice = await run(['check', '--format', 'json', 'deploy/agents/b.yml', 'deploy', './deploy/a.yaml'], dir);
    assert.deepEqual((JSON.parse(twice.stdout) as JsonReport).files.map((f) => f.path), ['deploy/agents/b.yml', 'deploy/a.yaml']);
  });
});

describe('check --format text', () => {
  it('prints file:line:col severity code message and a summary', async () => {
    const result = await run(['check', INVALID]);
    assert.equal(result.code, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines.includes(`${INVALID}:18:7 error unknown-field unknown field \`nodeSelecter\` in spec.template.spec (PodSpec); did you mean \`nodeSelector\`? Rename it, or remove it`), result.stdout);
    assert.match(lines[lines.length - 1], /^1 error, \d+ warnings?, \d+ other in 1 file$/);
  });

  it('is the default format and exits 0 on the valid corpus', async () => {
    const result = await run(['check', 'test/fixtures/manifests/valid']);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^0 errors, \d+ warnings?, \d+ other in 12 files$/m);
  });
});

describe('check --format sarif', () => {
  it('is SARIF 2.1.0 with rules and results GitHub code scanning reads', async () => {
    const result = await run(['check', '--format', 'sarif', `./${INVALID}`, VALID]);
    assert.equal(result.code, 1);
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      $schema: string;
      runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string } }> } }; results: Array<{ ruleId: string; ruleIndex?: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }> }> }>;
    };
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const [runEntry] = sarif.runs;
    assert.equal(runEntry.tool.driver.name, 'daemonset-tools');
    const ids = runEntry.tool.driver.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of runEntry.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 0);
    const typo = runEntry.results.find((r) => r.ruleId === 'unknown-field');
    assert.ok(typo);
    assert.equal(typo.level, 'error');
    assert.equal(ids[typo.ruleIndex ?? -1], 'unknown-field');
    assert.match(typo.message.text, /nodeSelector/);
    const location = typo.locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, INVALID);
    assert.deepEqual(location.region, { startLine: 18, startColumn: 7, endLine: 18, endColumn: 19 });
    for (const r of runEntry.results) {
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(ids.includes(r.ruleId));
    }
  });

  it('makes absolute paths relative to the working folder', async () => {
    const result = await run(['check', '--format', 'sarif', resolve(repoRoot, INVALID)]);
    const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, INVALID);
  });
});

describe('check: settings and usage errors', () => {
  it('--rule id=off drops a rule, --rule id=warning demotes it (exit 0)', async () => {
    const off = await run(['check', '--format', 'json', '--rule', 'unknown-field=off', INVALID]);
    assert.equal(off.code, 0);
    assert.ok(!(JSON.parse(off.stdout) as JsonReport).files[0].diagnostics.some((d) => d.code === 'unknown-field'));
    const warn = await run(['check', '--format', 'json', '--rule=unknown-field=warning', INVALID]);
    assert.equal(warn.code, 0);
    assert.equal((JSON.parse(warn.stdout) as JsonReport).files[0].diagnostics.find((d) => d.code === 'unknown-field')?.severity, 'warning');
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['a missing file', ['check', 'no/such/file.yaml'], /cannot read no\/such\/file\.yaml/],
    ['an unknown flag', ['check', '--strict', VALID], /unknown option --strict/],
    ['an unknown format', ['check', '--format', 'xml', VALID], /--format must be one of text, json, sarif/],
    ['a format without value', ['check', '--format'], /--format needs a value/],
    ['no files', ['check'], /no files or folders given/],
    ['an unknown rule id', ['check', '--rule', 'no-such-rule=off', VALID], /unknown rule id no-such-rule/],
    ['a bad rule setting', ['check', '--rule', 'unknown-field=loud', VALID], /--rule takes/],
    ['an unknown command', ['lint', VALID], /unknown command lint/],
    ['no command', [], /no command given/],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 with a message on stderr for ${what}`, async () => {
      const result = await run(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    });
  }

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['check', '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /usage: daemonset-tools check \[--format text\|json\|sarif\]/);
    const top = await run(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /daemonset-tools check/);
    assert.match(top.stdout, /daemonset-tools place/);
  });
});

describe('check as a process (the bundled CLI)', () => {
  let dir = '';
  let cli = '';
  before(async () => {
    // A private bundle of the same entry point as dist/cli.js, so this test neither needs nor races `npm run build`.
    dir = mkdtempSync(join(tmpdir(), 'dst-cli-'));
    cli = join(dir, 'cli.js');
    await build({ entryPoints: [join(repoRoot, 'server/src/cliMain.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const node = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('exits 1 with the JSON report on an invalid file, 0 on a valid one, 2 on a missing one', () => {
    const bad = node('check', '--format', 'json', INVALID);
    assert.equal(bad.status, 1, bad.stderr);
    assert.equal((JSON.parse(bad.stdout) as JsonReport).files[0].diagnostics.find((d) => d.severity === 'error')?.code, 'unknown-field');
    const good = node('check', '--format', 'json', VALID);
    assert.equal(good.status, 0, good.stderr);
    const missing = node('check', 'missing.yaml');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read missing\.yaml/);
  });

  it('stops quietly when the reader closes the pipe early', () => {
    // A report well beyond the pipe buffer, so the writer is still writing when `head` exits.
    const many = join(dir, 'many');
    mkdirSync(many);
    const invalid = readFileSync(join(repoRoot, INVALID), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(many, `agent-${i}.yaml`), invalid);
    const result = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cli}" check --format json "${many}" | head -c 10`], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(result.stdout, '{\n  "files');
    assert.doesNotMatch(result.stderr, /EPIPE|Error/);
  });

  it('writes a large report completely before exiting', () => {
    const result = node('check', '--format', 'json', 'test/fixtures/manifests');
    assert.equal(result.status, 1);
    assert.ok((JSON.parse(result.stdout) as JsonReport).files.length >= 40);
  });
});
