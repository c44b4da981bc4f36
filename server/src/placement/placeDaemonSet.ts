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
import { hostPortReasons, resourceReasons } from './fit';
import { preferredScore, termMismatch } from './nodeAffinity';
import { podRequests } from './podRequests';
import { daemonPodTolerations, formatTaint, NOT_READY, tolerationFor } from './tolerations';
import type { ClusterProfile, DaemonSetModel, NodeModel, NodePlacement, PlacementResult, Reason, ResourceAmounts, Toleration } from './types';

/** Precomputed per DaemonSet, shared by every node. */
interface Prepared {
  ds: DaemonSetModel;
  selector: Array<[string, string]>;
  tolerations: Toleration[];
  request: ResourceAmounts;
  requestSource: Reason['source'];
}

function prepare(ds: DaemonSetModel): Prepared {
  const request = podRequests(ds);
  const requestSource = ds.containers.find((c) => c.source?.resources)?.source?.resources ?? ds.containers[0]?.source?.container;
  return { ds, selector: Object.entries(ds.nodeSelector), tolerations: daemonPodTolerations(ds.tolerations, ds.hostNetwork), request, requestSource };
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

function placeOnNode(prepared: Prepared, node: NodeModel): NodePlacement {
  const { ds } = prepared;
  const score = ds.preferredTerms.length ? preferredScore(ds.preferredTerms, node) : 0;
  const controller = controllerReasons(prepared, node);
  const notes = [...controller.notes];
  if (node.unschedulable) notes.push('the node is cordoned (unschedulable), but daemon pods tolerate node.kubernetes.io/unschedulable and still run here');
  if (node.ready === false && !node.taints.some((t) => t.key === NOT_READY)) {
    notes.push('the node is NotReady but carries no node.kubernetes.io/not-ready taint yet: only taints decide, so the verdict ignores the condition');
  }
  if (controller.reasons.length) return { name: node.name, pool: node.pool, status: 'excluded', reasons: controller.reasons, notes, score };
  if (!node.allocatable) notes.push('the profile gives no allocatable figures for this node, so CPU, memory and pod count were not checked');
  const pending = [...resourceReasons(prepared.request, node, prepared.requestSource), ...hostPortReasons(ds, node)];
  if (pending.length) {
    if (ds.priorityClassName && pending.some((r) => r.code !== 'HostPortConflict')) {
      notes.push(`with priorityClassName ${ds.priorityClassName} the scheduler may preempt lower-priority pods on this node to make room; the verdict does not assume it`);
    }
    return { name: node.name, pool: node.pool, status: 'pending', reasons: pending, notes, score };
  }
  return { name: node.name, pool: node.pool, status: 'runs', reasons: [], notes, score };
}

/** The verdict for every node of the profile, in profile order. */
export function placeDaemonSet(ds: DaemonSetModel, profile: ClusterProfile): PlacementResult {
  const prepared = prepare(ds);
  const summary = { runs: 0, pending: 0, excluded: 0 };
  const nodes = profile.nodes.map((node) => {
    const placement = placeOnNode(prepared, node);
    summary[placement.status]++;
    return placement;
  });
  return { nodes, summary };
}

