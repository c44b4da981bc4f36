/**
 * A strategic-merge patch two LSP suites apply to a node-agent base (its own
 * file in each overlay): it adds args to the agent container, which has its
 * image in the base, and a sidecar container that has no image anywhere, so
 * the built overlay misses a required field on the sidecar's line (0-based
 * line 10 of this patch).
 */
export const SIDECAR_PATCH = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  template:
    spec:
      containers:
        - name: agent
          args: [--verbose]
        - name: sidecar
          args: [--tail]
`;
