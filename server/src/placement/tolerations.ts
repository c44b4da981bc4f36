/**
 * Taints and tolerations as upstream matches them (k8s.io/api core/v1
 * Toleration.ToleratesTaint) and the tolerations the DaemonSet controller
 * adds to every daemon pod (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations).
 */
import type { Taint, Toleration } from './types';

export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The tolerations the controller adds, in its order. */
export function automaticTolerations(hostNetwork: boolean): Toleration[] {
  const add = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect, automatic: true });
  const list = [
    add(NOT_READY, 'NoExecute'),
    add(UNREACHABLE, 'NoExecute'),
    add('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    add('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    add('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    add(UNSCHEDULABLE, 'NoSchedule'),
  ];
  if (hostNetwork) list.push(add('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return list;
}

/** Same key, operator, value and effect (upstream MatchToleration). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator || 'Equal') === (b.operator || 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/**
 * The pod's tolerations after the controller's additions: an automatic
 * toleration replaces a written one that matches it (dropping its
 * tolerationSeconds), otherwise it is appended.
 */
export function daemonPodTolerations(written: Toleration[], hostNetwork: boolean): Toleration[] {
  const result = [...written];
  for (const automatic of automaticTolerations(hostNetwork)) {
    const index = result.findIndex((t) => sameToleration(t, automatic));
    if (index >= 0) result[index] = automatic;
    else result.push(automatic);
  }
  return result;
}

/** Upstream ToleratesTaint; Gt/Lt compare integer values (alpha operators). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Gt':
    case 'Lt': {
      const wanted = parseIntStrict(toleration.value);
      const actual = parseIntStrict(taint.value);
      if (wanted === undefined || actual === undefined) return false;
      return toleration.operator === 'Gt' ? actual > wanted : actual < wanted;
    }
    default:
      return false;
  }
}

function parseIntStrict(value: string | undefined): bigint | undefined {
  return value !== undefined && /^[+-]?\d+$/.test(value) ? BigInt(value) : undefined;
}

/** The first toleration that tolerates the taint, if any. */
export function tolerationFor(tolerations: Toleration[], taint: Taint): Toleration | undefined {
  return tolerations.find((t) => toleratesTaint(t, taint));
}

/** `key=value:effect`, or `key:effect` without a value. */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}
