import { compactDictionary, dictionary } from '../../common/dictionary';

/** Labels every node of a profile gets unless it sets them (the kubelet sets these on real nodes). */
export function withDefaultLabels(name: string, labels: Record<string, string>): Record<string, string> {
  // Built key by key (no spread, no second copy): a profile may hold 100,000 nodes.
  const out = compactDictionary<string>();
  out['kubernetes.io/hostname'] = name;
  out['kubernetes.io/os'] = 'linux';
  out['kubernetes.io/arch'] = 'amd64';
  for (const key of Object.keys(labels)) out[key] = labels[key];
  return out;
}

function defaultLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' };
}

/** The labels that tell a node apart: all but those equal to the defaults every node gets. */
export function distinctiveLabels(name: string, labels: Record<string, string>): Record<string, string> {
  const defaults = defaultLabels(name);
  return dictionary(Object.entries(labels).filter(([key, value]) => defaults[key] !== value));
}
