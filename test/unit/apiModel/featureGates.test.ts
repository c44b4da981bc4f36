import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readMarkers, readVersionedSpecs, stateIn } from '../../../scripts/extractFeatureGates.mjs';
import { fieldAt, fieldInVersion, gateOffIn, gateSummary, gateWarning, loadApiModel } from '../../../server/src/languageService/apiModel';

const model = loadApiModel();
const root = join(__dirname, '..', '..', '..');
const data = JSON.parse(readFileSync(join(root, 'scripts', 'data', 'featureGates.json'), 'utf8')) as {
  versions: string[];
  fields: Record<string, Record<string, string[]>>;
  gates: Record<string, Record<string, { default: boolean; stage: string } | null>>;
};
const podSpec = (field: string) => fieldAt(model, ['spec', 'template', 'spec', field])!;

describe('the feature gate table (scripts/data/featureGates.json)', () => {
  it('covers the supported versions', () => {
    assert.deepEqual(data.versions, model.kubernetesVersions);
  });

  it('names only fields the model has, in the versions the model has them (workloadRef: left out of the model on purpose)', () => {
    const checked: string[] = [];
    for (const [path, byVersion] of Object.entries(data.fields)) {
      const [definition, name] = path.split('.');
      if (!model.definitions[definition] || path === 'PodSpec.workloadRef') continue; // EphemeralContainerCommon: embedded inline, listed under EphemeralContainer too
      const field = model.definitions[definition].fields[name];
      assert.ok(field, `${path} is not in the model`);
      for (const version of Object.keys(byVersion)) assert.ok(fieldInVersion(field, version), `${path} is gated in ${version}, where the model lacks it`);
      checked.push(path);
    }
    assert.ok(checked.includes('PodSpec.resources') && checked.includes('Volume.image') && checked.includes('Lifecycle.stopSignal'), checked.join(' '));
  });

  it('folds into the model exactly the gates off by default somewhere', () => {
    assert.deepEqual(podSpec('resources').gate, { name: 'PodLevelResources', offByDefault: { '1.33': 'alpha' } });
    assert.deepEqual(podSpec('hostnameOverride').gate, { name: 'HostnameOverride', offByDefault: { '1.34': 'alpha' } });
    assert.deepEqual(fieldAt(model, ['spec', 'template', 'spec', 'volumes', 0, 'image'])?.gate, { name: 'ImageVolume', offByDefault: { '1.33': 'beta', '1.34': 'beta' } });
    // on by default in every supported version: nothing to say
    assert.equal(fieldAt(model, ['spec', 'template', 'spec', 'containers', 0, 'resizePolicy'])?.gate, undefined, 'InPlacePodVerticalScaling');
    assert.equal(fieldAt(model, ['spec', 'template', 'spec', 'containers', 0, 'restartPolicy'])?.gate, undefined, 'SidecarContainers');
    for (const field of Object.values(model.definitions).flatMap((d) => Object.values(d.fields))) {
      if (!field.gate) continue;
      for (const [version, stage] of Object.entries(field.gate.offByDefault)) assert.equal(data.gates[field.gate.name][version]?.default, false, `${field.name} ${version} ${stage}`);
    }
  });
});

describe('gate look-ups', () => {
  it('say whether the gate is off in the target, only where the field exists', () => {
    assert.deepEqual(gateOffIn(podSpec('resources'), '1.33'), { name: 'PodLevelResources', stage: 'alpha' });
    assert.equal(gateOffIn(podSpec('resources'), '1.34'), undefined);
    assert.equal(gateOffIn(podSpec('hostnameOverride'), '1.33'), undefined, 'not in 1.33 at all: field-not-in-version says so');
    assert.equal(gateWarning(podSpec('resources'), '1.36', model.kubernetesVersions), undefined);
    assert.equal(gateSummary(podSpec('resources')), 'Behind the PodLevelResources feature gate, off by default in Kubernetes 1.33 (alpha)');
    assert.equal(gateSummary(podSpec('nodeSelector')), undefined);
  });
});

describe('extractFeatureGates.mjs', () => {
  it('reads +featureGate markers, lends inline-embedded fields to the embedding struct, maps the misnamed gate', () => {
    const types = [
      'type Volume struct {',
      '\tName string `json:"name"`',
      '\tVolumeSource `json:",inline" protobuf:"bytes,2,opt,name=volumeSource"`',
      '}',
      'type VolumeSource struct {',
      '\t// image is an OCI object.',
      '\t// +featureGate=ImageVolume',
      '\t// +optional',
      '\tImage *ImageVolumeSource `json:"image,omitempty"`',
      '',
      '\t// not gated',
      '\tHostPath *HostPathVolumeSource `json:"hostPath,omitempty"`',
      '}',
      'type VolumeProjection struct {',
      '\t// +featureGate=PodCertificateProjection +optional',
      '\tPodCertificate *PodCertificateProjection `json:"podCertificate,omitempty"`',
      '}',
    ].join('\n');
    assert.deepEqual([...readMarkers(types)], [
      ['VolumeSource.image', ['ImageVolume']],
      ['VolumeProjection.podCertificate', ['PodCertificateRequest']],
      ['Volume.image', ['ImageVolume']],
    ]);
  });

  it('reads versioned specs and resolves a version as the last spec at or before it', () => {
    const features = [
      'var defaultVersionedKubernetesFeatureGates = map[featuregate.Feature]featuregate.VersionedSpecs{',
      '\tImageVolume: {',
      '\t\t{Version: version.MustParse("1.31"), Default: false, PreRelease: featuregate.Alpha},',
      '\t\t{Version: version.MustParse("1.33"), Default: false, PreRelease: featuregate.Beta},',
      '\t\t{Version: version.MustParse("1.35"), Default: true, PreRelease: featuregate.Beta},',
      '\t\t{Version: version.MustParse("1.36"), Default: true, PreRelease: featuregate.GA, LockToDefault: true}, // remove in 1.39',
      '\t},',
      '',
      '\tgenericfeatures.WatchList: {',
      '\t\t{Version: version.MustParse("1.27"), Default: false, PreRelease: featuregate.Alpha},',
      '\t},',
      '}',
      'var defaultKubernetesFeatureGateDependencies = map[featuregate.Feature][]featuregate.Feature{',
      '\tImageVolumeWithDigest: {ImageVolume},',
      '}',
    ].join('\n');
    const specs = readVersionedSpecs(features);
    assert.deepEqual([...specs.keys()], ['ImageVolume', 'WatchList']);
    const image = specs.get('ImageVolume')!;
    assert.deepEqual(['1.30', '1.33', '1.34', '1.35', '1.36'].map((v) => stateIn(image, v)), [
      undefined,
      { default: false, stage: 'beta' },
      { default: false, stage: 'beta' },
      { default: true, stage: 'beta' },
      { default: true, stage: 'GA' },
    ]);
  });
});
