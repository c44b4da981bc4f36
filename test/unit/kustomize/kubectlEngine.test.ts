import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kubectlKustomize } from '../../../server/src/kustomize/kubectlEngine';
import { RenderError } from '../../../server/src/render/types';

const overlay = resolve(__dirname, '../../fixtures/kustomize/node-agent/overlays/prod');

describe('the exact engine (kubectl kustomize) is bounded', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'dst-kubectl-engine-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}`);
    chmodSync(path, 0o755);
    return path;
  };

  it('stops a kubectl that does not answer within the timeout, and says so', async () => {
    const hung = script('kubectl-hung', 'exec sleep 30\n');
    const started = Date.now();
    await assert.rejects(kubectlKustomize(overlay, { kubectlPath: hung, timeoutMs: 300 }), (error: unknown) => error instanceof RenderError && /did not finish within 0\.3 s/.test(error.message));
    assert.ok(Date.now() - started < 10_000, 'rejected long before the process would have ended');
  });

  it("gives kubectl's own words when it fails, with what to do", async () => {
    const failing = script('kubectl-failing', 'echo \'Error: accumulating resources: missing.yaml: no such file\' >&2\nexit 1\n');
    await assert.rejects(kubectlKustomize(overlay, { kubectlPath: failing }), /accumulating resources: missing\.yaml: no such file; correct the kustomization, or set the engine to builtin/);
  });
});
