/**
 * Generates the benchmark input: a YAML file of N DaemonSet documents (about
 * 60 lines each, so 200 documents is ~12,000 lines), varied enough that no two
 * documents share text.
 */
export function bigDaemonSetFile(count = 200): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-${i}
  namespace: monitoring
  labels:
    app.kubernetes.io/name: agent-${i}
    app.kubernetes.io/part-of: observability
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: agent-${i}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: ${(i % 3) + 1}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: agent-${i}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      priorityClassName: system-node-critical
      serviceAccountName: agent-${i}
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      nodeSelector:
        kubernetes.io/os: linux
      containers:
        - name: agent
          image: registry.example/agent:v1.${i}.0
          imagePullPolicy: IfNotPresent
          args: ["--port=${9100 + (i % 50)}", "--verbose"]
          ports:
            - name: metrics
              containerPort: ${9100 + (i % 50)}
              protocol: TCP
          resources:
            requests:
              cpu: ${50 + i}m
              memory: ${64 + (i % 8) * 16}Mi
            limits:
              memory: ${128 + (i % 8) * 16}Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: metrics
          livenessProbe:
            httpGet:
              path: /healthz
              port: metrics
          volumeMounts:
            - name: proc
              mountPath: /host/proc
              readOnly: true
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
      volumes:
        - name: proc
          hostPath:
            path: /proc
`);
  }
  return docs.join('---\n');
}
