/**
 * The placement custom request: reads the cluster profile (cached by file
 * modification time), turns each DaemonSet document into the engine's model
 * and answers with verdicts, reasons and their manifest ranges.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readTextFile } from './files/readTextFile';
import { daemonSetFromYaml } from './languageService/daemonSetModel';
import { readProfile } from './languageService/profiles';
import { distinctiveLabels } from './languageService/profiles/defaults';
import type { YamlDocument, YamlFile } from './languageService/yamlModel';
import { objectDocuments, parseYamlFile } from './languageService/yamlModel';
import type { ClusterProfile, NodeModel, Reason, ResourceAmounts } from './placement';
import { formatAmount, formatTaint, placeDaemonSet } from './placement';
import { estimateRollout } from './placement/rollout';
import { PlacementCache } from './placementCache';
import { comparePlacements } from './placementComparison';
import type { ProfileAccess } from './profileAccess';
import { afterWaitingMessages } from './runner';
import type { ComparePlacementParams, NodeDetailsParams, NodeDetailsResult, PlacementComparison, PlacementDaemonSet, PlacementReason, PlacementResult } from './protocol';

/** How long a slice of a big file's placement runs before the requests that wait are answered. */
const SLICE_MS = 15;

/** The sample profile shipped with the extension (profiles/ next to dist/). */
export const SAMPLE_PROFILE_PATH = join(__dirname, '..', 'profiles', 'sample.profile.yaml');

function shown(amounts: ResourceAmounts): Record<string, string> {
  return Object.fromEntries(Object.entries(amounts).map(([name, amount]) => [name, formatAmount(name, amount)]));
}

function freeRoom(node: NodeModel): Record<string, string> | undefined {
  if (!node.allocatable) return undefined;
  const free: ResourceAmounts = {};
  for (const [name, amount] of Object.entries(node.allocatable)) free[name] = amount - (name === 'pods' ? BigInt(node.podCount) : (node.requested[name] ?? 0n));
  return shown(free);
}

/** What the view shows of a node besides its verdict: fixed for a profile, so built once per profile. */
interface NodeSummary {
  labels: string[];
  taints: string[];
}

/**
 * Per node, in profile order. Nodes of a pool or machine type show the same
 * labels and taints: they share one summary (100,000 nodes, a few hundred
 * summaries).
 */
function nodeSummaries(profile: ClusterProfile): NodeSummary[] {
  const label = ([key, value]: [string, string]) => (value ? `${key}=${value}` : key);
  const shared = new Map<string, NodeSummary>();
  const taintsShown = new Map<unknown, string[]>();
  return profile.nodes.map((node) => {
    let taints = taintsShown.get(node.taints);
    if (!taints) taintsShown.set(node.taints, (taints = node.taints.map(formatTaint)));
    const labels = Object.entries(distinctiveLabels(node.name, node.labels)).map(label);
    const key = `${labels.join('\u0000')}\u0001${taints.join('\u0000')}`;
    let summary = shared.get(key);
    if (!summary) shared.set(key, (summary = { labels, taints }));
    return summary;
  });
}

export class PlacementService {
  /**
   * `access` decides which profile files may be read (every request's path
   * goes through it: the placement, node details and both sides of a
   * comparison); the built-in sample is always read.
   */
  constructor(private readonly access: (path: string) => ProfileAccess = (path) => ({ kind: 'allowed', path })) {}

  private readonly cache = new Map<string, { mtimeMs: number; profile?: ClusterProfile; error?: string }>();
  private readonly summaries = new WeakMap<ClusterProfile, NodeSummary[]>();
  private readonly placed = new PlacementCache();

  /** See PlacementCache.originOf: the placement answers send a DaemonSet with a known origin as a reference. */
  originOf(daemonSet: PlacementDaemonSet): object {
    return this.placed.originOf(daemonSet);
  }

  /** The profile at a path (re-read when the file changes), or an error message. */
  profile(requested: string = SAMPLE_PROFILE_PATH): { profile?: ClusterProfile; error?: string } {
    const access = requested === SAMPLE_PROFILE_PATH ? { kind: 'allowed' as const, path: requested } : this.access(requested);
    if (access.kind === 'refused') return { error: access.message };
    const path = access.path;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs; // a stat never blocks, even on a FIFO
    } catch {
      return { error: `cannot read the cluster profile ${path}` };
    }
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const read = readTextFile(path);
    if (!read.ok) {
      const entry = { mtimeMs, error: `cannot read the cluster profile ${path}: ${read.message}` };
      this.cache.set(path, entry);
      return entry;
    }
    const result = readProfile(read.text, path);
    const entry = result.errors.length || !result.profile
      ? { mtimeMs, error: `invalid cluster profile ${path}: ${result.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ')}` }
      : { mtimeMs, profile: result.profile };
    this.cache.set(path, entry);
    return entry;
  }

  /**
   * Places the file's DaemonSets a few at a time, letting the requests that
   * wait be answered between slices, then answers from the placed ones.
   * Opening a big file, VS Code asks for its placement with its diagnostics;
   * placing every DaemonSet of a 52k-line file at once (parsing every
   * document) held up the first diagnostics and hover by seconds (issue 15
   * item 10). `file` gives the current model: the user may type meanwhile
   * (what was placed stays placed, per document).
   */
  async placeInSlices(file: () => YamlFile | undefined, profilePath?: string): Promise<PlacementResult | undefined> {
    for (let next = 0; ; ) {
      const current = file();
      if (!current) return undefined;
      const { profile } = this.profile(profilePath);
      const { documents } = current;
      if (profile) {
        const placeOne = this.placer(current, profile);
        const deadline = performance.now() + SLICE_MS;
        // a document at a time: even its kind (is it a List?) may take a parse
        for (; next < documents.length && performance.now() < deadline; next++) for (const object of objectDocuments({ documents: [documents[next]] })) placeOne(object);
      }
      if (!profile || next >= documents.length) return this.place(current, profilePath);
      await afterWaitingMessages();
    }
  }

  /** Places one document's DaemonSet on the profile (once per document text and profile, see PlacementCache). */
  private placer(file: YamlFile, profile: ClusterProfile): (document: YamlDocument) => PlacementDaemonSet | undefined {
    let summaries = this.summaries.get(profile);
    if (!summaries) this.summaries.set(profile, (summaries = nodeSummaries(profile)));
    const nodeSummary = summaries;
    const range = (source?: { start: number; end: number }) => (source ? file.lineIndex.range(source.start, source.end) : undefined);
    // Nodes judged alike share their reasons (placeDaemonSet): each list is turned into the protocol's once.
    const shownReasons = new Map<readonly Reason[], PlacementReason[]>();
    const reasonsOf = (reasons: readonly Reason[]) => {
      let shown = shownReasons.get(reasons);
      if (!shown) shownReasons.set(reasons, (shown = reasons.map((r) => ({ code: r.code, message: r.message, range: range(r.source) }))));
      return shown;
    };
    return (document) =>
      this.placed.daemonSet(file, document, profile, () => {
        const ds = daemonSetFromYaml(document);
        if (!ds) return undefined;
        const result = placeDaemonSet(ds, profile);
        const start = ds.sources.document?.start ?? document.start;
        return {
          name: ds.name,
          namespace: ds.namespace,
          range: file.lineIndex.range(start, start),
          summary: result.summary,
          rollout: (({ summary, atOnce, waves }) => ({ summary, atOnce, waves }))(estimateRollout(ds.updateStrategy ?? {}, result.summary.runs)),
          nodes: result.nodes.map((placement, i) => ({
            name: placement.name,
            pool: placement.pool,
            status: placement.status,
            reasons: reasonsOf(placement.reasons),
            notes: placement.notes,
            score: placement.score,
            labels: nodeSummary[i].labels,
            taints: nodeSummary[i].taints,
          })),
        };
      });
  }

  /** A node's allocatable and free room, for the view's tooltip; null for an unknown node; why, when the profile cannot be read. */
  nodeDetails(params: NodeDetailsParams): NodeDetailsResult | null | { error: string } {
    const { profile, error } = this.profile(params.profilePath);
    if (!profile) return { error: error ?? 'no cluster profile' };
    const node = profile.nodes.find((n) => n.name === params.node);
    if (!node) return null;
    return { labels: node.labels, allocatable: node.allocatable ? shown(node.allocatable) : undefined, free: freeRoom(node) };
  }

  place(file: YamlFile, profilePath?: string): PlacementResult {
    const { profile, error } = this.profile(profilePath);
    if (!profile) return { kind: 'error', message: error ?? 'no cluster profile', cause: 'profile' };
    const placeOne = this.placer(file, profile);
    const daemonSets: PlacementDaemonSet[] = [];
    for (const document of objectDocuments(file)) {
      const daemonSet = placeOne(document);
      if (daemonSet) daemonSets.push(daemonSet);
    }
    return { kind: 'ok', profile: { name: profile.name, nodes: profile.nodes.length, path: profilePath }, daemonSets };
  }

  /** Both sides of a comparison: the open document's text (or a given text) on a profile each. */
  compare(params: ComparePlacementParams, openFile: YamlFile): PlacementComparison {
    const fileOf = (text?: string) => (text === undefined ? openFile : parseYamlFile(text));
    const before = this.place(fileOf(params.before.text), params.before.profilePath);
    const after = this.place(fileOf(params.after.text), params.after.profilePath);
    return comparePlacements(params.before, before, params.after, after);
  }
}
