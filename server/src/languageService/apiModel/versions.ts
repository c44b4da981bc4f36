/**
 * The target Kubernetes version: which minor versions the bundled model
 * describes, whether a field exists in one, and how to say when it does not.
 * The data comes from the generated model (ApiField.since / until, see
 * scripts/apiVersions.mjs); nothing here names a field.
 */
import { own } from '../../common/dictionary';
import type { ApiField, ApiModel } from './types';

/** Orders `1.9` before `1.33` (minor versions compare as numbers). */
export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The supported minor versions, oldest first. */
export function supportedVersions(model: ApiModel): readonly string[] {
  return model.kubernetesVersions;
}

/**
 * The target version a user asked for, checked: undefined or empty means the
 * newest supported version; anything else must be one of the supported ones
 * (`problem` says why not, and the newest is used).
 */
export function resolveTargetVersion(model: ApiModel, requested: string | undefined): { version: string; problem?: string } {
  const newest = model.kubernetesVersion;
  if (requested === undefined || requested === '') return { version: newest };
  if (model.kubernetesVersions.includes(requested)) return { version: requested };
  const range = `${model.kubernetesVersions[0]} to ${newest}`;
  return { version: newest, problem: `Kubernetes ${requested} is not supported (supported: ${range}); checking against ${newest}` };
}

/** Whether the field exists in the given version. */
export function fieldInVersion(field: ApiField, version: string): boolean {
  if (field.since !== undefined && compareVersions(version, field.since) < 0) return false;
  if (field.until !== undefined && compareVersions(version, field.until) > 0) return false;
  return true;
}

/**
 * Why the field is not in the target version, e.g. "`restartPolicyRules`
 * requires Kubernetes 1.34 or later; target is 1.33"; undefined when it is.
 */
export function versionGap(field: ApiField, target: string): string | undefined {
  if (fieldInVersion(field, target)) return undefined;
  if (field.since !== undefined && compareVersions(target, field.since) < 0) {
    const upTo = field.until !== undefined ? ` (and was removed after ${field.until})` : '';
    return `\`${field.name}\` requires Kubernetes ${field.since} or later${upTo}; target is ${target}`;
  }
  return `\`${field.name}\` was removed after Kubernetes ${field.until ?? ''}; target is ${target}`;
}

/** The field's feature gate when it is off by default in the target version (and the field exists there), with its stage. */
export function gateOffIn(field: ApiField, target: string): { name: string; stage: string } | undefined {
  const stage = own(field.gate?.offByDefault, target);
  return field.gate && stage !== undefined && fieldInVersion(field, target) ? { name: field.gate.name, stage } : undefined;
}

/**
 * What the API server of the target version does with a gated field, e.g.
 * "`resources` needs the PodLevelResources feature gate, off by default in
 * Kubernetes 1.33 (alpha; on by default from 1.34): the API server drops it
 * unless the cluster enables the gate: enable it (--feature-gates=PodLevelResources=true), or remove the field";
 * undefined when the gate is on by default there.
 */
export function gateWarning(field: ApiField, target: string, versions: readonly string[]): string | undefined {
  const off = gateOffIn(field, target);
  if (!off) return undefined;
  const on = versions.find((v) => compareVersions(v, target) > 0 && fieldInVersion(field, v) && gateOffIn(field, v) === undefined);
  const stage = on ? `${off.stage}; on by default from ${on}` : off.stage;
  return `\`${field.name}\` needs the ${off.name} feature gate, off by default in Kubernetes ${target} (${stage}): the API server drops it unless the cluster enables the gate: enable it (--feature-gates=${off.name}=true), or remove the field`;
}

/** Which supported versions have the field, for hovers: "since Kubernetes 1.34"; undefined when all do. */
export function availability(field: ApiField): string | undefined {
  if (field.since !== undefined && field.until !== undefined) return field.since === field.until ? `Kubernetes ${field.since} only` : `Kubernetes ${field.since} to ${field.until}`;
  if (field.since !== undefined) return `since Kubernetes ${field.since}`;
  if (field.until !== undefined) return `until Kubernetes ${field.until}`;
  return undefined;
}

/** For hovers: "Behind the PodLevelResources feature gate, off by default in Kubernetes 1.33 (alpha)"; undefined for a field without one. */
export function gateSummary(field: ApiField): string | undefined {
  if (!field.gate) return undefined;
  // consecutive versions of one stage as a range: "1.34 (alpha), 1.35 to 1.36 (beta)"
  const runs: Array<{ first: string; last: string; stage: string }> = [];
  for (const [version, stage] of Object.entries(field.gate.offByDefault).sort(([a], [b]) => compareVersions(a, b))) {
    const run = runs.at(-1);
    const [major, minor] = version.split('.').map(Number);
    if (run && run.stage === stage && run.last === `${major}.${minor - 1}`) run.last = version;
    else runs.push({ first: version, last: version, stage });
  }
  const off = runs.map((run) => `${run.first === run.last ? run.first : `${run.first} to ${run.last}`} (${run.stage})`);
  return `Behind the ${field.gate.name} feature gate, off by default in Kubernetes ${off.join(', ')}`;
}
