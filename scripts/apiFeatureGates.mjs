// Folds scripts/data/featureGates.json (upstream's `+featureGate=` markers and
// gate defaults, extracted by scripts/extractFeatureGates.mjs) into the API
// model: a field the checked kinds reach that sits behind a gate off by
// default in some supported version gets `gate: { name, offByDefault: { version: stage } }`.
//
// Only the kinds the diagnostics check (DaemonSet, PriorityClass) are walked:
// Node and Pod serve profile files, where a gate changes nothing. The build
// fails when the data and the model disagree: a gated field the model lacks,
// a gate without defaults, a version the data does not cover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions, objectRefs } from './apiVersions.mjs';

const CHECKED_ROOTS = ['DaemonSet', 'PriorityClass'];

function reachable(model) {
  const seen = new Set();
  const queue = CHECKED_ROOTS.map((kind) => model.roots[kind]);
  while (queue.length) {
    const name = queue.shift();
    if (seen.has(name) || !model.definitions[name]) continue;
    seen.add(name);
    for (const field of Object.values(model.definitions[name].fields)) queue.push(...objectRefs(field.type));
  }
  return seen;
}

const exists = (field, version) => (field.since === undefined || compareVersions(version, field.since) >= 0) && (field.until === undefined || compareVersions(version, field.until) <= 0);

/** Marks the gated fields; returns how many carry a gate off by default somewhere. */
export function foldFeatureGates(root, model) {
  const data = JSON.parse(readFileSync(join(root, 'scripts', 'data', 'featureGates.json'), 'utf8'));
  if (data.versions.join() !== model.kubernetesVersions.join()) {
    throw new Error(`featureGates.json covers Kubernetes ${data.versions.join(', ')}, the model ${model.kubernetesVersions.join(', ')}: run scripts/extractFeatureGates.mjs for the supported versions`);
  }
  const checked = reachable(model);
  let marked = 0;
  for (const [path, byVersion] of Object.entries(data.fields)) {
    const [definitionName, fieldName] = path.split('.');
    if (!checked.has(definitionName)) continue;
    const field = model.definitions[definitionName].fields[fieldName];
    if (!field) throw new Error(`featureGates.json: ${path} is not in the model`);
    const offByDefault = {};
    let name;
    for (const [version, gates] of Object.entries(byVersion)) {
      if (!exists(field, version)) throw new Error(`featureGates.json: ${path} is gated in Kubernetes ${version}, where the model does not have it`);
      if (gates.length !== 1) throw new Error(`featureGates.json: ${path} names ${gates.length} gates in ${version}; one is supported`);
      const state = data.gates[gates[0]]?.[version];
      if (!state) throw new Error(`featureGates.json: no default of ${gates[0]} in Kubernetes ${version} (${path})`);
      if (name !== undefined && name !== gates[0]) throw new Error(`featureGates.json: ${path} changes gates between versions`);
      name = gates[0];
      if (!state.default) offByDefault[version] = state.stage;
    }
    if (name === undefined || Object.keys(offByDefault).length === 0) continue;
    field.gate = { name, offByDefault };
    marked++;
  }
  return marked;
}
