/**
 * What a user installs: the npm package of the command line (`npx
 * daemonset-tools check …`) and the VSIX. Both lists are checked against
 * what the packers would really ship, and the packed CLI is installed into an
 * empty folder and run, as a CI pipeline would.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the npm package of the command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'dst-pack-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds only the CLI, its sample profile and the documents', () => {
    const [packed] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    assert.deepEqual(packed.files.map((f) => f.path).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'package.json', 'profiles/sample.profile.yaml']);
  });

  it('needs nothing at run time: no dependencies, a bin, an engines field', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.private, undefined);
    assert.deepEqual(manifest.bin, { 'daemonset-tools': 'dist/cli.js' });
    assert.ok((manifest.engines as Record<string, string>).node);
  });

  it('installs into an empty folder and checks a manifest there', () => {
    const tarball = execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const project = join(work, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), '{"private":true}\n');
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--offline', join(work, tarball)], { cwd: project, stdio: 'pipe' });
    writeFileSync(join(project, 'ds.yaml'), 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: a, image: busybox:1.36}]}\n');
    const run = spawnSync(join(project, 'node_modules', '.bin', 'daemonset-tools'), ['check', '--format', 'json', 'ds.yaml'], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
    assert.ok(report.files[0].diagnostics.some((d) => d.code === 'selector-mismatch'), run.stdout);
    const place = spawnSync(join(project, 'node_modules', '.bin', 'daemonset-tools'), ['place', '--cluster', 'node_modules/daemonset-tools/profiles/sample.profile.yaml', 'ds.yaml'], { cwd: project, encoding: 'utf8' });
    assert.equal(place.status, 0, place.stderr);
    assert.match(place.stdout, /agent/);
  });
});

describe('the VSIX', () => {
  it('lists only what the extension needs', () => {
    const listing = execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    assert.deepEqual(listing.split('\n').filter(Boolean).sort(), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/extension.js', 'dist/server.js',
      'media/walkthrough/compare.jpg', 'media/walkthrough/completion.jpg', 'media/walkthrough/hover.jpg', 'media/walkthrough/placement.jpg',
      'media/walkthrough/profile-completion.jpg', 'media/walkthrough/rules.md', 'package.json',
      'profiles/sample.profile.yaml', 'resources/daemonset.svg', 'resources/icon.png',
      'schemas/clusterProfile.schema.json', 'schemas/daemonsetTools.config.schema.json', 'snippets/daemonset.code-snippets', 'syntaxes/daemonset.injection.tmLanguage.json',
    ]);
  });

  it('has the Marketplace metadata: a 128x128 PNG icon, banner, repository, bugs, homepage, one publisher', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { icon: string; publisher: string; galleryBanner?: { color?: string } } & Record<string, unknown>;
    const png = readFileSync(join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(manifest.galleryBanner?.color);
    for (const key of ['repository', 'bugs', 'homepage']) assert.ok(manifest[key], `package.json lacks ${key}`);
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
  });
});
