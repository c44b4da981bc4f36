/**
 * Wires the team's shared files into the language server: the
 * `.daemonset-tools.yaml` files and the baseline are watched (the server
 * asks the client to report their changes), a change makes every open
 * document's diagnostics stale, and Show Effective Configuration is answered.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Disposable } from 'vscode-languageserver';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver';
import { BaselineService } from './baselineService';
import { isConfigFile } from './config/configDocument';
import { ConfigError, ConfigResolver } from './config/findConfig';
import { printConfig } from './config/printConfig';
import { CONFIG_FILE_NAMES } from './config/types';
import { ConfigService } from './configService';
import type { DiagnosticsService } from './diagnosticsService';
import { filePath } from './documentModels';
import type { EffectiveConfigurationParams, EffectiveConfigurationResult } from './protocol';
import { EffectiveConfigurationRequestMethod } from './protocol';
import { guard } from './runner';
import type { ServerSettings } from './settings';
import { teamView } from './teamView';

export interface TeamFiles {
  configs: ConfigService;
  /** The settings were read again: the baseline file may be another one. */
  settingsChanged(): void;
}

/** What the server tells the team's files: other files watched through the same registration (one handler serves every watched file), the versions, the profile in use. */
export interface TeamFilesHost {
  globs: readonly string[];
  /** Files changed on disk; `configChanged`: a `.daemonset-tools.yaml` among them (its options, version and profile may apply to every file). */
  changed(paths: string[], configChanged: boolean): void;
  /** The Kubernetes versions the model supports (a setting naming another is no choice). */
  versions: readonly string[];
  /** What the editor places on instead of a manifest's configured `profile:` (the setting's, or the sample in Restricted Mode), for Show Effective Configuration. */
  profileNote(path: string | undefined): string | undefined;
}

export function wireTeamFiles(connection: Connection, diagnostics: DiagnosticsService, settings: () => ServerSettings, folders: () => string[], canWatch: boolean, host: TeamFilesHost): TeamFiles {
  const log = (message: string) => connection.console.warn(message);
  const configs = new ConfigService(log);
  const baseline = new BaselineService(log);
  diagnostics.team = teamView(configs, baseline, () => settings().baseline.show, host.versions);

  let watching: Promise<Disposable> | undefined;
  const watch = () => {
    if (!canWatch) return;
    const previous = watching;
    const path = baseline.path;
    watching = connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` },
        // the baseline may live anywhere (an absolute setting): watched by its folder
        ...(path ? [{ globPattern: { baseUri: pathToFileURL(dirname(path)).toString(), pattern: basename(path) } }] : []),
        ...host.globs.map((globPattern) => ({ globPattern })),
      ],
    });
    void previous?.then((registration) => registration.dispose());
  };

  connection.onDidChangeWatchedFiles(({ changes }) =>
    guard(connection, 'watchedFiles', undefined, () => {
      let stale = false;
      let configChanged = false;
      const paths: string[] = [];
      for (const change of changes) {
        if (!change.uri.startsWith('file:')) continue;
        const path = fileURLToPath(change.uri);
        paths.push(path);
        if (isConfigFile(path)) {
          configs.invalidate();
          stale = true;
          configChanged = true;
        }
        if (path === baseline.path) {
          baseline.invalidate();
          stale = true;
        }
      }
      if (stale) diagnostics.refreshAll();
      host.changed(paths, configChanged);
    }),
  );

  connection.onRequest<EffectiveConfigurationResult, void>(EffectiveConfigurationRequestMethod, (params: EffectiveConfigurationParams): EffectiveConfigurationResult =>
    guard<EffectiveConfigurationResult>(connection, 'effectiveConfiguration', { kind: 'error', message: 'the configuration could not be read (see the output log)' }, () => {
      const path = params.uri ? filePath(params.uri) : undefined;
      const folder = path ? dirname(path) : folders()[0];
      if (!folder) return { kind: 'error', message: 'Open a file or a folder first: the configuration is looked for in its folder and the folders above.' };
      try {
        // read now from disk, as `config --print` does (not the editor's cache)
        const config = new ConfigResolver().forFolder(folder);
        const overriddenRules = Object.keys(settings().diagnostics.rules).filter((id) => Object.hasOwn(config.rules, id) && config.rules[id] !== settings().diagnostics.rules[id]);
        // what this editor uses instead of the file's version and profile: decided as diagnostics and the placement preview decide it
        const overriddenSettings: string[] = [];
        const version = settings().kubernetesVersion;
        if (config.kubernetesVersion && version && version !== config.kubernetesVersion && host.versions.includes(version)) {
          overriddenSettings.push(`daemonsetTools.kubernetesVersion (${version}) is used over kubernetesVersion (${config.kubernetesVersion})`);
        }
        const profile = host.profileNote(path ?? join(folder, CONFIG_FILE_NAMES[0]));
        if (profile) overriddenSettings.push(profile);
        return { kind: 'ok', text: printConfig(config), overriddenRules, overriddenSettings };
      } catch (error) {
        if (error instanceof ConfigError) return { kind: 'error', message: error.message };
        throw error;
      }
    }),
  );

  return {
    configs,
    settingsChanged() {
      const path = BaselineService.resolve(settings().baseline.file, folders());
      const changed = path !== baseline.path;
      baseline.use(path);
      if (changed || !watching) watch();
    },
  };
}
