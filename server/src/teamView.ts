/**
 * What a team's shared files change in the editor's diagnostics: the
 * configuration file gets its own findings, a manifest gets the rule
 * settings of the configuration that applies to it (or none when `ignore:`
 * excludes it), and findings the baseline records are shown dimmed, hidden
 * or as usual. DiagnosticsService asks this; server.ts builds it.
 */
import { existsSync } from 'node:fs';
import type { BaselineService } from './baselineService';
import { configFindings, isConfigFile } from './config/configDocument';
import type { ConfigService } from './configService';
import type { Finding, RuleSetting } from './languageService/diagnostics';
import type { YamlFile } from './languageService/yamlModel';
import type { BaselineShow } from './settings';

/** How one finding is shown: as usual, dimmed (recorded in the baseline), or not at all. */
export type FindingView = 'normal' | 'dimmed' | 'hidden';

export interface TeamView {
  /** The findings of a configuration file itself; undefined for any other document. */
  ownFindings(path: string | undefined, file: YamlFile): Finding[] | undefined;
  /** The rule settings for a manifest (the configuration's under the workspace settings), or undefined when it is ignored. */
  rules(path: string | undefined, settings: Record<string, RuleSetting>): Record<string, RuleSetting> | undefined;
  /** The target Kubernetes version for a manifest: the setting's when it is a supported one, else its configuration's (undefined: the newest). */
  kubernetesVersion(path: string | undefined, setting: string): string | undefined;
  /** How each of a manifest's `count` findings is shown (`findings` made only when the baseline must match them). */
  views(path: string | undefined, file: YamlFile, count: number, findings: () => readonly Finding[]): FindingView[];
}

/** Without a server (tests of the service alone): the settings as they are, no baseline. */
export const NO_TEAM: TeamView = {
  ownFindings: () => undefined,
  rules: (_path, settings) => settings,
  kubernetesVersion: (_path, setting) => setting || undefined,
  views: (_path, _file, count) => new Array<FindingView>(count).fill('normal'),
};

export function teamView(configs: ConfigService, baseline: BaselineService, show: () => BaselineShow, supportedVersions: readonly string[]): TeamView {
  return {
    // (an unsupported setting is not a choice: the file's version, or the newest, applies; the status bar says why)
    kubernetesVersion: (path, setting) => configs.versionFor(path, setting, supportedVersions).version,
    ownFindings: (path, file) => (path && isConfigFile(path) ? configFindings(file, path, existsSync) : undefined),
    rules: (path, settings) => (path ? configs.rulesFor(path, settings) : settings),
    views(path, file, count, findings) {
      const mode = show();
      if (!path || mode === 'normal' || !baseline.covers(path)) return new Array<FindingView>(count).fill('normal');
      return baseline.recorded(path, file, findings()).map((recorded) => (recorded ? mode : 'normal'));
    },
  };
}
