/**
 * `daemonset-tools place --cluster <profile> [--format text|json] <manifest files…>`
 * Exit 0 when it could answer, 2 on unreadable input with a message.
 */
import { readTextFile } from '../files/readTextFile';
import { dirname, resolve } from 'node:path';
import { builtDaemonSets } from '../kustomize/buildFindings';
import { overlayFolderOf } from '../kustomize/discovery';
import { readFromDisk } from '../kustomize/diskReader';
import { loadApiModel } from '../languageService/apiModel';
import { daemonSetFromYaml } from '../languageService/daemonSetModel';
import { readProfile } from '../languageService/profiles';
import { objectDocuments, parseYamlFile } from '../languageService/yamlModel';
import { placeDaemonSet } from '../placement';
import type { ClusterProfile } from '../placement';
import { oneOf, parseArgs } from './args';
import { CHART_FLAGS, CHART_USAGE, chartOptions, hasChartFlags, renderChartInput, withConfig } from './chartInput';
import { isChartDir } from '../helm/render';
import { RenderError } from '../render/types';
import type { CliIo } from './io';
import { CliError } from './io';
import { configResolver } from './config';
import { OVERLAY_FLAGS, OVERLAY_USAGE, buildOverlay, isKustomizationFolder, overlayOptions, shownPath } from './overlays';
import type { PlacedDaemonSet } from './placeFormats';
import { formatPlaceJson, formatPlaceText } from './placeFormats';

export const PLACE_USAGE = `usage: daemonset-tools place [--cluster <profile>] [--format text|json] [--config <file>] [--engine auto|kubectl|helm|builtin] [--kubectl <path>] [chart flags] <manifest files, kustomization folders or chart folders…>

Simulates on which nodes of the cluster profile each DaemonSet's pods would
run, stay Pending, or never be created, and why. The profile is a concise
ClusterProfile file or the output of \`kubectl get nodes,pods -A -o json\`;
without --cluster, the \`profile:\` of the nearest .daemonset-tools.yaml.
${OVERLAY_USAGE} A built DaemonSet's file and line are those of its base resource.
A patch file (one a kustomization names under patches) or a kustomization file
places its overlay, as the editor's preview does; each overlay is placed once.
Exit status: 0 when it could answer, 2 on unreadable input, an overlay that does
not build or a chart that does not render.
${CHART_USAGE}`;

/**
 * The DaemonSets a kustomization folder builds to, placed; file and line: the
 * base resource that defines each. `patch`: the file given, when it was one
 * of the overlay's patches (or its kustomization file).
 */
async function placeOverlay(path: string, io: CliIo, profile: ClusterProfile, options: ReturnType<typeof overlayOptions>, patch?: string): Promise<PlacedDaemonSet[]> {
  const build = await buildOverlay(path, io.cwd, loadApiModel(), options);
  if (!build.ok) throw new CliError(`${patch ? `${patch} belongs to the overlay ${path}, which` : `the overlay ${path}`} does not build: ${build.error}`);
  for (const warning of build.render.warnings) io.stderr(`daemonset-tools: ${build.render.engine} build of ${path}: ${warning}\n`);
  return builtDaemonSets(build.render).map(({ ds, origin }) => ({ ds, file: origin.file ? shownPath(origin.file, io.cwd) : path, line: origin.line + 1, result: placeDaemonSet(ds, profile) }));
}

function readText(path: string, cwd: string): string {
  const read = readTextFile(resolve(cwd, path));
  if (!read.ok) throw new CliError(`cannot read ${path}: ${read.message}`);
  return read.text;
}

export function loadProfile(path: string, cwd: string): ClusterProfile {
  const result = readProfile(readText(path, cwd), path);
  if (result.errors.length || !result.profile) {
    throw new CliError(`invalid cluster profile ${path}:\n${result.errors.map((e) => `  ${path}:${e.line}:${e.column} ${e.message}`).join('\n')}`);
  }
  return result.profile;
}

/** The team's default profile (`profile:` of the configuration that applies to the first manifest), relative to the configuration file. */
function configuredProfile(explicit: string | undefined, firstInput: string, cwd: string): string | undefined {
  const config = configResolver(explicit, cwd).forFile(resolve(cwd, firstInput));
  return config.profile && config.path ? resolve(dirname(config.path), config.profile) : undefined;
}

export async function runPlace(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { cluster: true, format: true, config: true, help: false, h: false, ...OVERLAY_FLAGS, ...CHART_FLAGS });
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(PLACE_USAGE);
    return 0;
  }
  const format = oneOf(parsed.flags.get('format')?.at(-1), ['text', 'json'], 'format', 'text');
  if (parsed.positionals.length === 0) throw new CliError(`no manifest files given\n${PLACE_USAGE}`);
  const clusterPath = parsed.flags.get('cluster')?.at(-1) ?? configuredProfile(parsed.flags.get('config')?.at(-1), parsed.positionals[0], io.cwd);
  if (!clusterPath) throw new CliError(`--cluster <profile> is required (or \`profile:\` in .daemonset-tools.yaml)\n${PLACE_USAGE}`);
  const profile = loadProfile(clusterPath, io.cwd);
  const charts = chartOptions(parsed);
  if (hasChartFlags(charts) && !parsed.positionals.some((p) => isChartDir(p, io.cwd))) throw new CliError('--values, --set, --release, --namespace and --helm apply to chart folders, and none was given');
  const placed: PlacedDaemonSet[] = [];
  // each overlay once, whether its folder, its kustomization or several of its patches are given
  const overlays = new Set<string>();
  const overlayOf = (folder: string, patch?: string) => {
    if (overlays.has(resolve(io.cwd, folder))) return [];
    overlays.add(resolve(io.cwd, folder));
    return placeOverlay(folder, io, profile, overlayOptions(parsed, configResolver(parsed.flags.get('config')?.at(-1), io.cwd).forFolder(resolve(io.cwd, folder))), patch);
  };
  for (const path of parsed.positionals) {
    if (isChartDir(path, io.cwd)) {
      const config = configResolver(parsed.flags.get('config')?.at(-1), io.cwd).forFile(resolve(io.cwd, path, 'Chart.yaml'));
      placed.push(...(await placeChart(path, withConfig(charts, config, path, io.cwd), profile, io)));
      continue;
    }
    if (isKustomizationFolder(path, io.cwd)) {
      placed.push(...(await overlayOf(path)));
      continue;
    }
    // a patch is a partial object, applied merged onto its base: what it places is its overlay's build (as in the editor)
    const overlay = overlayFolderOf(resolve(io.cwd, path), readFromDisk);
    if (overlay) {
      placed.push(...(await overlayOf(shownPath(overlay, io.cwd), path)));
      continue;
    }
    const file = parseYamlFile(readText(path, io.cwd));
    for (const document of objectDocuments(file)) {
      const ds = daemonSetFromYaml(document);
      if (!ds) continue;
      const contentStart = ds.sources.document?.start ?? document.start;
      placed.push({ ds, file: path, line: file.lineIndex.positionAt(contentStart).line + 1, result: placeDaemonSet(ds, profile) });
    }
  }
  io.stdout(format === 'json' ? formatPlaceJson(profile, placed) : formatPlaceText(profile, placed));
  return 0;
}

/** The rendered DaemonSets of a chart folder, each reported at the template line its document starts on. */
async function placeChart(dir: string, charts: ReturnType<typeof chartOptions>, profile: ClusterProfile, io: CliIo): Promise<PlacedDaemonSet[]> {
  let result;
  try {
    result = await renderChartInput(dir, charts, io.cwd);
  } catch (error) {
    if (error instanceof RenderError) throw new CliError(`cannot render ${dir}: ${error.message}${error.at ? ` (${error.at.file}:${error.at.line + 1})` : ''}`);
    throw error;
  }
  const placed: PlacedDaemonSet[] = [];
  for (const rendered of result.documents) {
    const file = parseYamlFile(rendered.text);
    for (const document of file.documents) {
      const ds = daemonSetFromYaml(document);
      if (!ds) continue;
      const line = file.lineIndex.positionAt(ds.sources.document?.start ?? document.start).line;
      const at = rendered.lineMap[line] ?? rendered.origin;
      placed.push({ ds, file: at.file, line: at.line + 1, result: placeDaemonSet(ds, profile) });
    }
  }
  return placed;
}
