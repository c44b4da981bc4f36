/**
 * The `daemonsetTools.*` settings the server reads (workspace/configuration).
 * package.json declares the same keys for the editor's settings UI.
 */
import type { RuleSetting } from './languageService/diagnostics';

export interface ServerSettings {
  diagnostics: {
    enable: boolean;
    /** Severity or `off` per rule id. */
    rules: Record<string, RuleSetting>;
  };
}

export const DEFAULT_SETTINGS: ServerSettings = { diagnostics: { enable: true, rules: {} } };

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);

/** Reads the raw `daemonsetTools` section leniently: bad values fall back to defaults. */
export function readSettings(raw: unknown): ServerSettings {
  const section = (raw ?? {}) as { diagnostics?: { enable?: unknown; rules?: unknown } };
  const rules: Record<string, RuleSetting> = {};
  const rawRules = section.diagnostics?.rules;
  if (rawRules && typeof rawRules === 'object') {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as RuleSetting;
    }
  }
  return { diagnostics: { enable: section.diagnostics?.enable !== false, rules } };
}
