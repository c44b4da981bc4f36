/** Labels every node of a profile gets unless it sets them (the kubelet sets these on real nodes). */
export function withDefaultLabels(name: string, labels: Record<string, string>): Record<string, string> {
  return { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels };
}
