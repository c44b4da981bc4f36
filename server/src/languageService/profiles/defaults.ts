import { dictionary } from '../../common/dictionary';

/** Labels every node of a profile gets unless it sets them (the kubelet sets these on real nodes). */
export function withDefaultLabels(name: string, labels: Record<string, string>): Record<string, string> {
  return dictionary({ ...defaultLabels(name), ...labels });
}

function defaultLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' };
}

/** The labels that tell a node apart: all but those equal to the defaults every node gets. */
export function distinctiveLabels(name: string, labels: Record<string, string>): Record<string, string> {
  const defaults = defaultLabels(name);
  return dictionary(Object.entries(labels).filter(([key, value]) => defaults[key] !== value));
}
