import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkProfilePath } from '../../../server/src/profileAccess';

describe('checkProfilePath', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'dst-access-')));
  const workspace = join(base, 'ws');
  const other = join(base, 'ws2');
  const outside = join(base, 'ws-outside');
  mkdirSync(join(workspace, 'profiles'), { recursive: true });
  mkdirSync(other);
  mkdirSync(outside);
  writeFileSync(join(workspace, 'profiles', 'a.profile.yaml'), '');
  writeFileSync(join(other, 'b.profile.yaml'), '');
  writeFileSync(join(outside, 'x.yaml'), '');
  writeFileSync(join(workspace, '..hidden.yaml'), '');
  symlinkSync(join(outside, 'x.yaml'), join(workspace, 'out.yaml'));
  symlinkSync(join(workspace, 'profiles', 'a.profile.yaml'), join(workspace, 'in.yaml'));
  // the workspace opened through a link to it: still the same folder
  symlinkSync(workspace, join(base, 'ws-link'));
  const untrusted = { trusted: false, folders: [workspace, other] };
  after(() => rmSync(base, { recursive: true, force: true }));

  const verdict = (path: string, access = untrusted) => {
    const result = checkProfilePath(path, access);
    return result.kind === 'allowed' ? result.path : 'refused';
  };

  it('allows any path in a trusted workspace, as given', () => {
    assert.equal(verdict('/etc/passwd', { trusted: true, folders: [] }), '/etc/passwd');
    assert.equal(verdict('../x', { trusted: true, folders: [workspace] }), '../x');
  });

  it('allows files inside any workspace folder, relative paths counting from the first', () => {
    assert.equal(verdict('profiles/a.profile.yaml'), join(workspace, 'profiles', 'a.profile.yaml'));
    assert.equal(verdict(join(other, 'b.profile.yaml')), join(other, 'b.profile.yaml'));
    assert.equal(verdict('..hidden.yaml'), join(workspace, '..hidden.yaml'), 'a name that starts with two dots is not a parent');
    assert.equal(verdict('in.yaml'), join(workspace, 'profiles', 'a.profile.yaml'), 'a link that stays inside: read at its target');
    assert.equal(verdict('missing.yaml'), join(workspace, 'missing.yaml'), 'absent: reading it then says it cannot be read');
  });

  it('refuses ../ paths, absolute paths, neighbours that share a prefix, and links out', () => {
    for (const path of ['../ws-outside/x.yaml', 'profiles/../../ws-outside/x.yaml', join(outside, 'x.yaml'), '/etc/passwd', 'out.yaml', '..', '.', workspace]) {
      assert.equal(verdict(path), 'refused', path);
    }
  });

  it('resolves the folders too (a workspace opened through a symlink)', () => {
    const access = { trusted: false, folders: [join(base, 'ws-link')] };
    assert.equal(verdict('profiles/a.profile.yaml', access), join(workspace, 'profiles', 'a.profile.yaml'));
    assert.equal(verdict('out.yaml', access), 'refused');
  });

  it('refuses everything but the sample without a workspace folder, and says why', () => {
    const result = checkProfilePath('/tmp/x.yaml', { trusted: false, folders: [] });
    assert.equal(result.kind, 'refused');
    if (result.kind === 'refused') assert.match(result.message, /^Restricted Mode: the cluster profile \/tmp\/x\.yaml cannot be checked against a workspace folder \(none is open\), so it is not read\. Trust the workspace/);
    const linked = checkProfilePath('out.yaml', untrusted);
    if (linked.kind === 'refused') assert.match(linked.message, new RegExp(`links to ${join(outside, 'x.yaml').replace(/[.]/g, '\\.')}, outside the workspace folders`));
  });
});
