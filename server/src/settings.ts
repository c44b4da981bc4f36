/**
 * The `daemonsetTools.*` settings the server reads (workspace/configuration).
 * package.json declares the same keys for the editor's settings UI.
 */
import type { RuleSetting } from './languageService/diagnostics';
import { dictionary } from './common/dictionary';

export interface ServerSettings {
  /** `daemonsetTools.activeProfile`: the cluster profile completion and the view use (empty: the sample). */
  activeProfile: string;
  diagnostics: {
    enable: boolean;
    /** Severity or `off` per rule id. */
    rules: Record<string, RuleSetting>;
  };
  /** `daemonsetTools.kubectlPath`: the kubectl the overlay build may run (only in a trusted workspace). */
  kubectlPath: string;
  /** `daemonsetTools.kustomize.engine`: which engine builds overlays (`auto`: kubectl when trusted and found, else built-in). */
  kustomizeEngine: 'auto' | 'kubectl' | 'builtin';
  /** `daemonsetTools.helmPath`: the helm the chart preview may run (only in a trusted workspace; empty: the built-in engine). */
  helmPath: string;
  /** `daemonsetTools.kubernetesVersion`: the target Kubernetes minor version (empty: the newest supported). */
  kubernetesVersion: string;
  /** `daemonsetTools.baseline.*`: the baseline file (`check --write-baseline`; empty: none) and how its findings are shown. */
  baseline: { file: string; show: BaselineShow };
}

/** How findings a baseline records are shown: faded without a squiggle, not at all, or as any other finding. */
export type BaselineShow = 'dimmed' | 'hidden' | 'normal';
const BASELINE_SHOW = new Set(['dimmed', 'hidden', 'normal']);

export const DEFAULT_SETTINGS: ServerSettings = { activeProfile: '', diagnostics: { enable: true, rules: {} }, kubectlPath: 'kubectl', kustomizeEngine: 'auto', helmPath: '', kubernetesVersion: '', baseline: { file: '', show: 'dimmed' } };
const ENGINES = new Set(['auto', 'kubectl', 'builtin']);

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);

/** Reads the raw `daemonsetTools` section leniently: bad values fall back to defaults. */
export function readSettings(raw: unknown): ServerSettings {
  const section = (raw ?? {}) as { activeProfile?: unknown; diagnostics?: { enable?: unknown; rules?: unknown }; kubectlPath?: unknown; kustomize?: { engine?: unknown }; helmPath?: unknown; kubernetesVersion?: unknown; baseline?: { file?: unknown; show?: unknown } };
  const rules = dictionary<RuleSetting>();
  const rawRules = section.diagnostics?.rules;
  if (rawRules && typeof rawRules === 'object') {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as RuleSetting;
    }
  }
  const engine = section.kustomize?.engine;
  return {
    activeProfile: typeof section.activeProfile === 'string' ? section.activeProfile : '',
    diagnostics: { enable: section.diagnostics?.enable !== false, rules },
    kubectlPath: typeof section.kubectlPath === 'string' && section.kubectlPath !== '' ? section.kubectlPath : 'kubectl',
    kustomizeEngine: typeof engine === 'string' && ENGINES.has(engine) ? (engine as ServerSettings['kustomizeEngine']) : 'auto',
    helmPath: typeof section.helmPath === 'string' ? section.helmPath.trim() : '',
    kubernetesVersion: typeof section.kubernetesVersion === 'string' ? section.kubernetesVersion.trim() : '',
    baseline: {
      file: typeof section.baseline?.file === 'string' ? section.baseline.file.trim() : '',
      show: typeof section.baseline?.show === 'string' && BASELINE_SHOW.has(section.baseline.show) ? (section.baseline.show as BaselineShow) : 'dimmed',
    },
  };
}
