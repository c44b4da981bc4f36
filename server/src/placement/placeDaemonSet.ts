/**
 * On which nodes a DaemonSet's pods run, stay Pending, or are never created.
 *
 * 1. The DaemonSet controller (NodeShouldRunDaemonPod) decides whether a pod is
 *    created at all: template nodeName, nodeSelector + required node affinity,
 *    and taints with effect NoSchedule/NoExecute against the pod's tolerations
 *    (its own plus the ones the controller adds). A node that fails here is
 *    `excluded`; resources do not matter there because no pod exists.
 * 2. The scheduler then has to fit the created pod: resources and host ports.
 *    A node that fails here is `pending`.
 * Every reason of the stage that fails is reported, not just the first.
 */
import { hostPortReasons, requestedResources, resourceReasons } from './fit';
import { preferredScore, termMismatch } from './nodeAffinity';
import { podHostPorts, podRequests } from './podRequests';
import { daemonPodTolerations, formatTaint, NOT_READY, tolerationFor } from './tolerations';
import type { ClusterProfile, DaemonSetModel, NodeModel, NodePlacement, PlacementResult, Reason, Taint, Toleration } from './types';

/** Precomputed per DaemonSet, shared by every node. */
interface Prepared {
  ds: DaemonSetModel;
  selector: Array<[string, string]>;
  tolerations: Toleration[];
  /** The pod's request as resourceReasons reads it. */
  wanted: ReturnType<typeof requestedResources>;
  requestSource: Reason['source'];
  hostPorts: ReturnType<typeof podHostPorts>;
  /** The label keys the verdict before resources reads, and whether it reads the node's name. */
  labelKeys: string[];
  readsName: boolean;
}

function prepare(ds: DaemonSetModel): Prepared {
  const request = podRequests(ds);
  const requestSource = ds.containers.find((c) => c.source?.resources)?.source?.resources ?? ds.containers[0]?.source?.container;
  const terms = [...(ds.requiredTerms ?? []), ...ds.preferredTerms.map((t) => t.preference)];
  const labelKeys = [...new Set([...Object.keys(ds.nodeSelector), ...terms.flatMap((t) => (t.matchExpressions ?? []).map((e) => e.key))])];
  const readsName = ds.nodeName !== undefined || terms.some((t) => (t.matchFields ?? []).length > 0);
  return { ds, selector: Object.entries(ds.nodeSelector), tolerations: daemonPodTolerations(ds.tolerations, ds.hostNetwork), wanted: requestedResources(request), requestSource, hostPorts: podHostPorts(ds), labelKeys, readsName };
}

/**
 * What a node gets before resources are looked at (verdict, reasons, notes,
 * score) depends only on the labels the DaemonSet selects on, the node's
 * taints, cordon, readiness and whether allocatable is given, and on its
 * name only when the DaemonSet names nodes. A big profile has few such
 * combinations (its nodes share their taints: profiles/compact.ts), so each is
 * judged once and its frozen reasons and notes are shared by the nodes that
 * have it. Nodes whose taints are not shared objects still get a correct
 * verdict: they just are not recognised as alike.
 */
interface Judged {
  reasons: Reason[];
  notes: string[];
  score: number;
}

class Judgements {
  private readonly byKey = new Map<string, Judged>();
  private readonly taintIds = new Map<Taint[], number>();
  private readonly taintTexts = new Map<string, number>();
  constructor(private readonly prepared: Prepared) {}

  /**
   * One number per distinct taint list. Shared lists (compact profiles) are
   * known by identity; a list seen for the first time is known by its
   * content, so nodes built one by one (a profile that was not compacted,
   * a test's literals) with equal taints are still judged once.
   */
  private taintId(taints: Taint[]): number {
    if (taints.length === 0) return 0;
    let id = this.taintIds.get(taints);
    if (id === undefined) {
      let text = '';
      for (const t of taints) text += `${t.key.length}:${t.key}${t.value === undefined ? '-' : `${t.value.length}:${t.value}`}${t.effect.length}:${t.effect}`;
      id = this.taintTexts.get(text);
      if (id === undefined) {
        // Only a list with new content is remembered by identity: shared lists come back, one-off lists do not.
        this.taintTexts.set(text, (id = this.taintTexts.size + 1));
        this.taintIds.set(taints, id);
      }
    }
    return id;
  }

  private key(node: NodeModel): string {
    const taints = this.taintId(node.taints);
    let key = `${taints}|${node.unschedulable ? 1 : 0}${node.ready === undefined ? 'u' : node.ready ? 1 : 0}${node.allocatable ? 1 : 0}|`;
    if (this.prepared.readsName) key += `${node.name.length}:${node.name}`;
    for (const label of this.prepared.labelKeys) {
      const value = Object.hasOwn(node.labels, label) ? node.labels[label] : undefined;
      key += value === undefined ? '-' : `${value.length}:${value}`;
    }
    return key;
  }

  of(node: NodeModel): Judged {
    const key = this.key(node);
    let judged = this.byKey.get(key);
    if (!judged) {
      judged = judge(this.prepared, node);
      this.byKey.set(key, judged);
    }
    return judged;
  }
}

/** The verdict before resources: controller reasons, the notes of the node's state, the preferred score. */
function judge(prepared: Prepared, node: NodeModel): Judged {
  const { ds } = prepared;
  const score = ds.preferredTerms.length ? preferredScore(ds.preferredTerms, node) : 0;
  const controller = controllerReasons(prepared, node);
  const notes = [...controller.notes];
  if (node.unschedulable) notes.push('the node is cordoned (unschedulable), but daemon pods tolerate node.kubernetes.io/unschedulable and still run here');
  if (node.ready === false && !node.taints.some((t) => t.key === NOT_READY)) {
    notes.push('the node is NotReady but carries no node.kubernetes.io/not-ready taint yet: only taints decide, so the verdict ignores the condition');
  }
  if (!controller.reasons.length && !node.allocatable) notes.push('the profile gives no allocatable figures for this node, so CPU, memory and pod count were not checked');
  return { reasons: Object.freeze(controller.reasons) as Reason[], notes: Object.freeze(notes) as string[], score };
}

function controllerReasons(prepared: Prepared, node: NodeModel): { reasons: Reason[]; notes: string[] } {
  const { ds, tolerations } = prepared;
  const reasons: Reason[] = [];
  const notes: string[] = [];
  if (ds.nodeName && ds.nodeName !== node.name) {
    reasons.push({ code: 'NodeNameMismatch', message: `the pod template sets nodeName ${ds.nodeName}, so only that node can get the pod`, source: ds.sources.nodeName });
  }
  for (const [key, wanted] of prepared.selector) {
    const has = Object.prototype.hasOwnProperty.call(node.labels, key);
    if (has && node.labels[key] === wanted) continue;
    reasons.push({
      code: 'NodeSelectorMismatch',
      message: has ? `node label ${key}=${node.labels[key]} does not match nodeSelector ${key}=${wanted}` : `node has no label ${key} (nodeSelector wants ${key}=${wanted})`,
      source: ds.sources.nodeSelectorKeys?.[key] ?? ds.sources.nodeSelector,
      selectorKey: key,
    });
  }
  if (ds.requiredTerms) {
    const problems = ds.requiredTerms.map((term) => termMismatch(term, node));
    if (!problems.some((problem) => problem === undefined)) {
      const detail = problems.length === 1 ? problems[0] : problems.map((p, i) => `term ${i + 1}: ${p}`).join('; ');
      reasons.push({
        code: 'NodeAffinityMismatch',
        message: problems.length ? `required node affinity does not match: ${detail}` : 'required node affinity has no terms, so it matches no node',
        source: ds.requiredTerms[0]?.source ?? ds.sources.affinity,
      });
    }
  }
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    const toleration = tolerationFor(tolerations, taint);
    if (toleration) {
      if (taint.effect === 'NoExecute' && toleration.tolerationSeconds !== undefined) {
        notes.push(`taint ${formatTaint(taint)} is tolerated for only ${toleration.tolerationSeconds}s: the pod is evicted after that and created again, over and over`);
      }
      continue;
    }
    let message = `taint ${formatTaint(taint)} is not tolerated`;
    if (taint.key === NOT_READY && taint.effect === 'NoSchedule') {
      message +=
        ': the DaemonSet controller adds a toleration for node.kubernetes.io/not-ready only with effect NoExecute, not for the NoSchedule taint a NotReady node carries, so no new daemon pod is created here (pods already on the node keep running). This is why CNI agents tolerate every taint (operator: Exists)';
    }
    reasons.push({ code: 'UntoleratedTaint', message, source: ds.sources.tolerations ?? ds.sources.podSpec, taint });
  }
  const onlyNoSchedule = reasons.length > 0 && reasons.every((r) => r.code === 'UntoleratedTaint' && r.taint?.effect === 'NoSchedule');
  if (onlyNoSchedule) notes.push('a daemon pod that was already running here before the taint was added keeps running: only NoExecute taints evict it');
  return { reasons, notes };
}

function placeOnNode(prepared: Prepared, judged: Judged, node: NodeModel): NodePlacement {
  const { ds } = prepared;
  const { score } = judged;
  if (judged.reasons.length) return { name: node.name, pool: node.pool, status: 'excluded', reasons: judged.reasons, notes: judged.notes, score };
  const resources = resourceReasons(prepared.wanted, node, prepared.requestSource);
  const ports = prepared.hostPorts.length === 0 || node.hostPorts.length === 0 ? NO_REASONS : hostPortReasons(ds, node, prepared.hostPorts);
  const pending = ports.length === 0 ? resources : resources.length === 0 ? ports : [...resources, ...ports];
  if (pending.length) {
    const notes = [...judged.notes];
    if (ds.priorityClassName && pending.some((r) => r.code !== 'HostPortConflict')) {
      notes.push(`with priorityClassName ${ds.priorityClassName} the scheduler may preempt lower-priority pods on this node to make room; the verdict does not assume it`);
    }
    return { name: node.name, pool: node.pool, status: 'pending', reasons: pending, notes, score };
  }
  return { name: node.name, pool: node.pool, status: 'runs', reasons: NO_REASONS, notes: judged.notes, score };
}

const NO_REASONS: Reason[] = Object.freeze([]) as unknown as Reason[];

/** The verdict for every node of the profile, in profile order. */
export function placeDaemonSet(ds: DaemonSetModel, profile: ClusterProfile): PlacementResult {
  const prepared = prepare(ds);
  const judgements = new Judgements(prepared);
  const summary = { runs: 0, pending: 0, excluded: 0 };
  const nodes = profile.nodes.map((node) => {
    const placement = placeOnNode(prepared, judgements.of(node), node);
    summary[placement.status]++;
    return placement;
  });
  return { nodes, summary };
}

