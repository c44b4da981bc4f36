import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bigDaemonSetFile } from '../../bench/bigFile';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const HEAD = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n';
const BROKEN: Record<string, string> = {
  'empty file': '',
  'half-typed key': `${HEAD}  templ`,
  'key with no value': `${HEAD}  template:\n    spec:\n      containers:\n`,
  'dangling dash': `${HEAD}  template:\n    spec:\n      containers:\n        - \n`,
  'wrong indentation': `${HEAD}  template:\n     spec:\n   containers:\n      - name: a\n`,
  tabs: `${HEAD}\ttemplate:\n\t\tspec: {}\n`,
  'unclosed flow': `${HEAD}  template: {spec: {containers: [{name: a, image: b}\n`,
  'block scalar': `${HEAD}  template:\n    metadata:\n      annotations:\n        note: |\n          ---\n          - a: [\n`,
  'CRLF and comments': `${HEAD}  # comment\r\n  selector: {}\r\n`.replace(/\n/g, '\r\n'),
  'anchors and aliases': `${HEAD}  template: &t\n    spec: *t\n`,
  'alias bomb': `${HEAD}  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n`,
  'multi-document garbage': `---\n---\n...\n${HEAD}: : :\n---\n- - -\n`,
};

describe('LSP: bad input never crashes or hangs the server', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  for (const [name, text] of Object.entries(BROKEN)) {
    it(`answers on ${name}`, async () => {
      const uri = `file:///broken/${name.replace(/\W+/g, '-')}.yaml`;
      const published = client.nextDiagnostics(uri);
      client.open(uri, text);
      const lines = text.split(/\r?\n/).length;
      for (let line = 0; line < lines; line++) {
        for (const character of [0, 2, 8]) {
          await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
          await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
        }
      }
      const diagnostics = await published;
      assert.ok(Array.isArray(diagnostics.diagnostics));
    });
  }

  it('handles a 5 MB file and stays responsive', async () => {
    let text = '';
    while (text.length < 5 * 1024 * 1024) text += `${bigDaemonSetFile(200)}---\n`;
    const uri = 'file:///broken/huge.yaml';
    const published = client.nextDiagnostics(uri);
    client.open(uri, text);
    const started = Date.now();
    const diagnostics = await published;
    assert.ok(Date.now() - started < 60_000);
    assert.ok(Array.isArray(diagnostics.diagnostics));
    const hover: unknown = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 40, character: 12 } });
    assert.ok(hover, 'still answers hovers');
    assert.equal(client.process.exitCode, null, 'the server is alive');
    assert.ok(!client.logs.some((l) => /\[(hover|completion|diagnostics)\]/.test(l)), `no handler failed: ${client.logs.join('\n')}`);
  });
});
