import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: { commands: Array<{ command: string; enablement?: string }> };
};

describe('What the manifest keeps from an untrusted workspace', () => {
  it('ignores the workspace values of the settings that name files or programs', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const setting of ['daemonsetTools.activeProfile', 'daemonsetTools.clusterProfiles', 'daemonsetTools.kubectlPath', 'daemonsetTools.helmPath', 'daemonsetTools.baseline.file']) assert.ok(restricted.includes(setting), setting);
  });

  it('disables the commands that run a program (kubectl, git) until the workspace is trusted', () => {
    for (const id of ['daemonsetTools.captureProfile', 'daemonsetTools.compareWithHead']) {
      assert.equal(manifest.contributes.commands.find((c) => c.command === id)?.enablement, 'isWorkspaceTrusted', id);
    }
  });
});
