import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startupLine } from '../../../client/src/startupLine';

describe('the output channel\'s start-up line', () => {
  it('names the built-in sample and the API model\'s Kubernetes version by default', () => {
    const line = startupLine({ profile: undefined, configuredVersion: undefined, serverVersion: 'Kubernetes 1.36' });
    assert.match(line, /built-in sample cluster profile \(guide-cluster/);
    assert.match(line, /Kubernetes 1\.36 \(the API model the extension ships\)/);
  });

  it('names the chosen profile and the configured Kubernetes version', () => {
    const line = startupLine({ profile: 'clusters/prod.profile.yaml', configuredVersion: '1.31', serverVersion: 'Kubernetes 1.36' });
    assert.match(line, /cluster profile clusters\/prod\.profile\.yaml \(daemonsetTools\.activeProfile\)/);
    assert.match(line, /Kubernetes 1\.31 \(daemonsetTools\.kubernetesVersion\)/);
    assert.doesNotMatch(line, /1\.36/);
  });
});
