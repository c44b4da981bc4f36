/**
 * Reads `.daemonset-tools.yaml` into a {@link ToolsConfig}, with a problem
 * (and its position) for everything it cannot use: the CLI refuses such a
 * file, the editor underlines it. The same reader serves both.
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { loadApiModel, supportedVersions } from '../languageService/apiModel';
import { allRuleDocs, syntaxAction } from '../languageService/diagnostics';
import type { RuleSetting } from '../languageService/diagnostics';
import { keyName, parseYamlFile } from '../languageService/yamlModel';
import { globProblem } from './glob';
import type { ConfigProblem, ToolsConfig } from './types';

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint'];

export function emptyConfig(): ToolsConfig {
  return { rules: Object.create(null) as Record<string, RuleSetting>, ignore: [], helm: {}, kustomize: {} };
}

export function readConfig(text: string, path?: string): { config: ToolsConfig; problems: ConfigProblem[] } {
  const config: ToolsConfig = { ...emptyConfig(), path };
  const problems: ConfigProblem[] = [];
  const file = parseYamlFile(text);
  const document = file.documents[0];
  const at = (node: unknown, message: string, severity?: 'warning') => {
    const range = (node as YamlNode | null | undefined)?.range;
    const start = (document?.start ?? 0) + (range?.[0] ?? 0);
    const position = file.lineIndex.positionAt(start);
    problems.push({ message, line: position.line + 1, column: position.character + 1, start, end: (document?.start ?? 0) + (range?.[1] ?? range?.[0] ?? 0), ...(severity ? { severity } : {}) });
  };
  for (const problem of file.documents.flatMap((d) => d.problems)) {
    const position = file.lineIndex.positionAt(problem.start);
    problems.push({ message: `YAML: ${problem.message}; ${syntaxAction(problem)}`, line: position.line + 1, column: position.character + 1, start: problem.start, end: problem.end });
  }
  if (file.documents.length > 1) at(file.documents[1].doc.contents, 'the configuration is one YAML document: the ones after the first are not read; merge them into the first');
  const root = document?.doc.contents;
  if (root === null || root === undefined) return { config, problems };
  if (!isMap(root)) {
    at(root, 'the configuration is a mapping of settings (kubernetesVersion, rules, ignore, profile, helm, kustomize): write them as `key: value` lines');
    return { config, problems };
  }
  const str = (pair: Pair, where: string): string | undefined => {
    const value = pair.value as YamlNode | null;
    if (isScalar(value) && typeof value.value === 'string') return value.value;
    at(value ?? pair.key, `${where} is a string: write the value as text`);
    return undefined;
  };
  const strings = (pair: Pair, where: string): string[] | undefined => {
    const value = pair.value as YamlNode | null;
    if (!isSeq(value)) {
      at(value ?? pair.key, `${where} is a list of strings: write each as a \`- \` item`);
      return undefined;
    }
    return value.items.flatMap((item) => {
      if (isScalar(item) && typeof item.value === 'string') return [item.value];
      at(item, `${where} holds strings only: write each item as text`);
      return [];
    });
  };
  const oneOf = <T extends string>(pair: Pair, where: string, allowed: readonly T[]): T | undefined => {
    const value = str(pair, where);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    at(pair.value, `${where} is one of ${allowed.join(', ')} (got ${value}): use one of them`);
    return undefined;
  };
  const entries = (node: unknown, where: string, known: Record<string, (pair: Pair) => void>) => {
    if (!isMap(node)) {
      at(node, `${where} is a mapping: write its settings as \`key: value\` lines under it`);
      return;
    }
    for (const pair of node.items) {
      const key = keyName(pair);
      if (key === undefined) continue;
      const read = Object.hasOwn(known, key) ? known[key] : undefined;
      if (read) read(pair);
      else at(pair.key, `unknown setting \`${key}\` in ${where} (known: ${Object.keys(known).join(', ')}): remove it, or correct its name`);
    }
  };
  const ruleIds = new Set(allRuleDocs().map((doc) => doc.code));
  entries(root, 'the configuration', {
    kubernetesVersion: (pair) => {
      const value = pair.value as YamlNode | null;
      // `1.30` unquoted is the number 1.3: take the text as written
      const written = isScalar(value) ? (typeof value.value === 'string' ? value.value : value.source) : undefined;
      // the versions the bundled API model describes (scripts/apiVersions.mjs), the list the shipped schema's enum is written from
      const versions = supportedVersions(loadApiModel());
      if (written === undefined) at(value ?? pair.key, `kubernetesVersion is a quoted minor version: write one of ${versions.join(', ')}`);
      else if (!versions.includes(written)) at(value, `kubernetesVersion is one of ${versions.join(', ')} (got ${written}): use one of them, the Kubernetes versions this release checks against`);
      else config.kubernetesVersion = written;
    },
    rules: (pair) => {
      if (!isMap(pair.value)) return at(pair.value ?? pair.key, 'rules is a mapping of rule ids to off, error, warning, information or hint: write `<rule id>: <severity>` lines under it');
      for (const rule of pair.value.items) {
        const id = keyName(rule);
        if (id === undefined) continue;
        if (!ruleIds.has(id)) {
          at(rule.key, `unknown rule id \`${id}\`: correct it, or remove it (the README's rules table lists the ids)`);
          continue;
        }
        // a bare `off` is the boolean false in YAML 1.1: it means off all the same
        const bare = rule.value as YamlNode | null;
        if (isScalar(bare) && bare.value === false && /^off$/i.test(bare.source ?? '')) {
          config.rules[id] = 'off';
          continue;
        }
        const setting = oneOf(rule, `rules.${id}`, SETTINGS);
        if (setting) config.rules[id] = setting;
      }
    },
    ignore: (pair) => {
      config.ignore = strings(pair, 'ignore') ?? [];
      // a pattern that can match nothing is kept (the CLI still runs) but said
      for (const item of isSeq(pair.value) ? pair.value.items : []) {
        const problem = isScalar(item) && typeof item.value === 'string' ? globProblem(item.value) : undefined;
        if (problem) at(item, `ignore: ${problem}`, 'warning');
      }
    },
    profile: (pair) => (config.profile = str(pair, 'profile')),
    helm: (pair) =>
      entries(pair.value, 'helm', {
        path: (p) => (config.helm.path = str(p, 'helm.path')),
        values: (p) => (config.helm.values = strings(p, 'helm.values')),
        set: (p) => (config.helm.set = strings(p, 'helm.set')),
        release: (p) => (config.helm.release = str(p, 'helm.release')),
        namespace: (p) => (config.helm.namespace = str(p, 'helm.namespace')),
        engine: (p) => (config.helm.engine = oneOf(p, 'helm.engine', ['helm', 'builtin'] as const)),
      }),
    kustomize: (pair) =>
      entries(pair.value, 'kustomize', {
        kubectlPath: (p) => (config.kustomize.kubectlPath = str(p, 'kustomize.kubectlPath')),
        engine: (p) => (config.kustomize.engine = oneOf(p, 'kustomize.engine', ['kubectl', 'builtin'] as const)),
      }),
  });
  return { config, problems };
}

