import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentKinds, judgeHostPath, normalizeHostPath } from '../../../../server/src/languageService/diagnostics/podRules/nodeAgent';
import type { Located } from '../helpers';
import { checkAsUser } from '../helpers';

/** Every finding as a user without settings sees it. */
const findings = (text: string): Located[] => checkAsUser(text).findings;
/** `code severity` of every finding with this code, in order. */
const of = (text: string, code: string) => findings(text).filter((f) => f.code === code).map((f) => `${f.severity} ${f.text}`);
const errors = (text: string) => findings(text).filter((f) => f.severity === 'error').map((f) => `${f.line} ${f.code} ${f.message}`);

/** A DaemonSet in kube-system; `pod` is the pod spec's body, indented by 6. */
function agent(name: string, pod: string): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${pod}`;
}

/** A CNI agent as network plugins ship it: an init container installs the plugin, the main one runs the dataplane. */
const cniAgent = (extraMount = '', extraVolume = '') => agent('mesh-net', `      hostNetwork: true
      priorityClassName: system-node-critical
      tolerations:
        - operator: Exists
      initContainers:
        - name: install-plugin
          image: example.org/mesh/cni-installer:v2.3.1
          command: ["/install.sh"]
          volumeMounts:
            - {name: cni-conf, mountPath: /host/etc/cni/net.d}
            - {name: cni-bin, mountPath: /host/opt/cni/bin}
      containers:
        - name: dataplane
          image: example.org/mesh/agent:v2.3.1
          resources:
            requests: {cpu: 100m, memory: 128Mi}
          securityContext:
            privileged: true
          volumeMounts:
            - {name: xtables-lock, mountPath: /run/xtables.lock}
            - {name: mesh-state, mountPath: /var/lib/mesh}
            - {name: bpffs, mountPath: /sys/fs/bpf}
            - {name: ipam, mountPath: /var/lib/cni/networks}
${extraMount}      volumes:
        - {name: cni-conf, hostPath: {path: /etc/cni/net.d}}
        - {name: cni-bin, hostPath: {path: /opt/cni/bin, type: DirectoryOrCreate}}
        - {name: xtables-lock, hostPath: {path: /run/xtables.lock, type: FileOrCreate}}
        - {name: mesh-state, hostPath: {path: /var/lib/mesh, type: DirectoryOrCreate}}
        - {name: bpffs, hostPath: {path: /sys/fs/bpf, type: Directory}}
        - {name: ipam, hostPath: {path: /var/lib/cni/networks}}
${extraVolume}`);

/** A CSI node plugin: the driver with Bidirectional propagation into the kubelet's folder, a registrar sidecar. */
const csiNode = agent('disk-csi-node', `      priorityClassName: system-node-critical
      tolerations:
        - operator: Exists
      containers:
        - name: driver
          image: example.org/storage/disk-csi:v1.8.0
          args: ["--endpoint=unix:/csi/csi.sock"]
          resources:
            requests: {cpu: 10m, memory: 40Mi}
            limits: {memory: 256Mi}
          securityContext:
            privileged: true
          volumeMounts:
            - {name: kubelet-dir, mountPath: /var/lib/kubelet, mountPropagation: Bidirectional}
            - {name: plugin-dir, mountPath: /csi}
            - {name: device-dir, mountPath: /dev}
        - name: registrar
          image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1
          args: ["--csi-address=/csi/csi.sock", "--kubelet-registration-path=/var/lib/kubelet/plugins/disk.example.org/csi.sock"]
          resources:
            limits: {memory: 64Mi}
          volumeMounts:
            - {name: plugin-dir, mountPath: /csi}
            - {name: registration-dir, mountPath: /registration}
      volumes:
        - {name: kubelet-dir, hostPath: {path: /var/lib/kubelet, type: Directory}}
        - {name: plugin-dir, hostPath: {path: /var/lib/kubelet/plugins/disk.example.org/, type: DirectoryOrCreate}}
        - {name: registration-dir, hostPath: {path: /var/lib/kubelet/plugins_registry/, type: Directory}}
        - {name: device-dir, hostPath: {path: /dev, type: Directory}}
`);

/** A log shipper that keeps its tail positions next to the logs it reads (`/var/log` writable). */
const logShipper = (logMount: string, extra = '') => agent('log-shipper', `      tolerations:
        - operator: Exists
      containers:
        - name: shipper
          image: example.org/logs/shipper:3.1.4
          resources:
            requests: {cpu: 50m, memory: 100Mi}
            limits: {memory: 200Mi}
          volumeMounts:
            - ${logMount}
            - {name: docker-logs, mountPath: /var/lib/docker/containers, readOnly: true}
${extra}      volumes:
        - {name: varlog, hostPath: {path: /var/log}}
        - {name: docker-logs, hostPath: {path: /var/lib/docker/containers}}
        - {name: positions, hostPath: {path: /var/lib/log-shipper, type: DirectoryOrCreate}}
        - {name: runtime, hostPath: {path: /run/containerd/containerd.sock, type: Socket}}
`);

describe('node agents: what they must do is not warned about', () => {
  it('host paths read as one spelling: Windows drives and pipes, trailing slashes', () => {
    assert.equal(normalizeHostPath('C:\\var\\lib\\kubelet\\plugins_registry\\'), '/var/lib/kubelet/plugins_registry');
    assert.equal(normalizeHostPath('\\\\.\\pipe\\csi-proxy-disk-v1'), '//./pipe/csi-proxy-disk-v1');
    assert.equal(normalizeHostPath('/var/lib/kubelet/plugins/disk.example.org/'), '/var/lib/kubelet/plugins/disk.example.org');
    assert.equal(normalizeHostPath('/'), '/');
    assert.equal(normalizeHostPath('C:\\\\var\\\\lib\\\\kubelet'), '/var/lib/kubelet', 'doubled backslashes, as a plain YAML scalar keeps them');
  });

  it('knows the agent from the paths it mounts', () => {
    const kinds = (...paths: string[]) => [...agentKinds(paths.map((path) => ({ path, readOnly: false })))].sort();
    assert.deepEqual(kinds('/etc/cni/net.d'), ['cni']);
    assert.deepEqual(kinds('/var/lib/kubelet/plugins/disk.example.org', '/var/lib/kubelet/plugins_registry'), ['csi']);
    assert.deepEqual(kinds('/var/lib/kubelet/plugins_registry'), [], 'the plugin watcher alone is also used by device plugins');
    assert.deepEqual(kinds('/var/lib/kubelet/device-plugins'), ['device-plugin']);
    assert.deepEqual(kinds('/run/xtables.lock'), ['iptables']);
    assert.deepEqual(kinds('/var/log/pods'), ['log-agent']);
    assert.deepEqual(kinds('/var/log'), [], 'writing /var/log does not make a log reader');
    assert.deepEqual([...agentKinds([{ path: '/var/log', readOnly: true }, { path: '/sys', readOnly: true }])].sort(), ['log-agent', 'node-monitor']);
  });

  it('judges each host path by what the agent does there', () => {
    const none = new Set<never>();
    const verdict = (path: string, kinds: Parameters<typeof judgeHostPath>[1] = none) => judgeHostPath(path, kinds).kind;
    assert.equal(verdict('/etc/cni/net.d'), 'expected');
    assert.equal(verdict('/etc/cni/multus/net.d'), 'expected');
    assert.equal(verdict('/run/xtables.lock'), 'expected');
    assert.equal(verdict('/var/lib/kubelet/device-plugins'), 'expected');
    assert.equal(verdict('/var/lib/calico'), 'expected', "an agent's own state folder");
    assert.equal(verdict('/var/log/mesh-agent'), 'expected');
    assert.equal(verdict('/var/lib/kubelet'), 'unexpected', 'only a CSI plugin mounts into the kubelet folder');
    assert.equal(verdict('/var/lib/kubelet', new Set(['csi'])), 'expected');
    assert.equal(verdict('/var/lib/kubelet/pod-resources', new Set(['cni'])), 'unexpected', 'a read-only API: connecting works on a read-only mount');
    assert.equal(verdict('/dev'), 'unexpected');
    assert.equal(verdict('/dev', new Set(['device-plugin'])), 'expected');
    assert.equal(verdict('/sys/fs/bpf'), 'unexpected', 'only an eBPF network dataplane pins maps there');
    assert.equal(verdict('/sys/fs/bpf', new Set(['cni'])), 'expected');
    assert.equal(verdict('/var/lib/cni', new Set(['log-agent'])), 'unexpected');
    assert.equal(verdict('/var/log', new Set(['log-agent'])), 'tolerable');
    for (const hostOwned of ['/', '/etc', '/run', '/var/run', '/var/lib', '/opt', '/var/lib/docker', '/var/lib/containerd', '/var/run/dbus', '/run/systemd/system', '/var/log/journal', '/var/log/pods']) {
      assert.equal(verdict(hostOwned, new Set(['cni', 'csi', 'device-plugin'])), 'unexpected', hostOwned);
    }
    assert.equal(verdict('/var/run/docker.sock'), 'runtime-socket');
    assert.equal(verdict('/run/k3s/containerd/containerd.sock'), 'runtime-socket');
    assert.equal(verdict('\\\\.\\pipe\\containerd-containerd'), 'runtime-socket');
  });

  it('a CNI agent: its paths, privilege, memory and tolerations are explained, not warned', () => {
    const text = cniAgent();
    assert.deepEqual(errors(text), []);
    assert.deepEqual(of(text, 'writable-host-path'), []);
    assert.deepEqual(of(text, 'privileged'), ['information true']);
    assert.match(findings(text).find((f) => f.code === 'privileged')!.message, /CNI plugin configures the node's network/);
    assert.deepEqual(of(text, 'tolerates-everything').map((s) => s.split(' ')[0]), ['information']);
    assert.deepEqual(of(text, 'no-memory-limit'), ['information dataplane'], 'the init container is not judged for a memory limit');
    assert.deepEqual(of(text, 'run-as-root'), [], 'a CNI plugin must be root: no advice that would break it');
    assert.deepEqual(of(text, 'no-resource-requests'), []);
  });

  it('a CNI agent still gets warnings where the risk is real', () => {
    const text = cniAgent('            - {name: host-etc, mountPath: /host/etc}\n', '        - {name: host-etc, hostPath: {path: /etc}}\n').replace('agent:v2.3.1', 'agent:latest');
    assert.deepEqual(of(text, 'writable-host-path'), ['warning host-etc']);
    assert.match(findings(text).find((f) => f.code === 'writable-host-path')!.message, /\(\/etc\) is mounted writable in container "dataplane"/);
    assert.deepEqual(of(text, 'image-tag'), ['warning example.org/mesh/agent:latest']);
  });

  it('a CSI node plugin: the kubelet folder, the plugin and registration folders and /dev are its job', () => {
    assert.deepEqual(errors(csiNode), []);
    assert.deepEqual(of(csiNode, 'writable-host-path'), []);
    assert.deepEqual(of(csiNode, 'privileged'), ['information true']);
    assert.match(findings(csiNode).find((f) => f.code === 'privileged')!.message, /Bidirectional mount propagation requires it/);
    assert.deepEqual(of(csiNode, 'tolerates-everything').map((s) => s.split(' ')[0]), ['information']);
    assert.deepEqual(of(csiNode, 'no-resource-requests'), [], 'the driver requests for the pod; the sidecar has a limit');
  });

  it('the same kubelet and device folders in a pod that is no such agent are warned about', () => {
    const text = agent('node-inspector', `      containers:
        - name: inspector
          image: example.org/tools/inspector:0.4.2
          resources:
            requests: {cpu: 10m, memory: 32Mi}
            limits: {memory: 64Mi}
          securityContext:
            privileged: true
          volumeMounts:
            - {name: kubelet, mountPath: /var/lib/kubelet}
            - {name: dev, mountPath: /dev}
      volumes:
        - {name: kubelet, hostPath: {path: /var/lib/kubelet}}
        - {name: dev, hostPath: {path: /dev}}
`);
    assert.deepEqual(of(text, 'writable-host-path'), ['warning kubelet', 'warning dev']);
    assert.deepEqual(of(text, 'privileged'), ['warning true']);
  });

  it('a device plugin writes its socket folder and sees /dev', () => {
    const text = agent('accel-device-plugin', `      priorityClassName: system-node-critical
      nodeSelector:
        example.org/accelerator: present
      containers:
        - name: plugin
          image: example.org/accel/device-plugin:v0.9.0
          resources:
            requests: {cpu: 10m, memory: 20Mi}
          securityContext:
            privileged: true
          volumeMounts:
            - {name: device-plugins, mountPath: /var/lib/kubelet/device-plugins}
            - {name: dev, mountPath: /dev}
            - {name: cdi, mountPath: /var/run/cdi}
      volumes:
        - {name: device-plugins, hostPath: {path: /var/lib/kubelet/device-plugins}}
        - {name: dev, hostPath: {path: /dev}}
        - {name: cdi, hostPath: {path: /var/run/cdi, type: DirectoryOrCreate}}
`);
    assert.deepEqual(of(text, 'writable-host-path'), []);
    assert.match(findings(text).find((f) => f.code === 'privileged')!.message, /device plugin must see the node's devices/);
    assert.equal(findings(text).find((f) => f.code === 'privileged')!.severity, 'information');
    assert.equal(findings(text).find((f) => f.code === 'no-memory-limit')!.severity, 'information');
  });

  it('a log agent: /var/log writable is information with a safer layout; its own positions folder is fine', () => {
    const tailsInVarLog = logShipper('{name: varlog, mountPath: /var/log}');
    assert.deepEqual(of(tailsInVarLog, 'writable-host-path'), ['information varlog']);
    assert.match(findings(tailsInVarLog).find((f) => f.code === 'writable-host-path')!.message, /keep its positions in a folder of its own .* and mount \/var\/log read-only/);
    const ownFolder = logShipper('{name: varlog, mountPath: /var/log, readOnly: true}', '            - {name: positions, mountPath: /data}\n');
    assert.deepEqual(of(ownFolder, 'writable-host-path'), []);
    assert.deepEqual(of(ownFolder, 'run-as-root'), [], 'it reads root-owned logs');
    assert.deepEqual(of(ownFolder, 'tolerates-everything').map((s) => s.split(' ')[0]), ['information']);
  });

  it('a container runtime socket is a warning even read-only: readOnly does not limit a socket', () => {
    const text = logShipper('{name: varlog, mountPath: /var/log, readOnly: true}', '            - {name: runtime, mountPath: /run/containerd/containerd.sock, readOnly: true}\n');
    const found = findings(text).filter((f) => f.code === 'writable-host-path');
    assert.deepEqual(found.map((f) => `${f.severity} ${f.text}`), ['warning runtime']);
    assert.match(found[0].message, /readOnly does not limit a socket/);
  });

  it('an agent that programs iptables (like kube-proxy) is privileged for a reason', () => {
    const text = agent('masq-agent', `      hostNetwork: true
      containers:
        - name: masq
          image: example.org/net/masq-agent:v2.1.0
          resources:
            requests: {cpu: 10m, memory: 16Mi}
          securityContext:
            privileged: true
          volumeMounts:
            - {name: xtables-lock, mountPath: /run/xtables.lock}
      volumes:
        - {name: xtables-lock, hostPath: {path: /run/xtables.lock, type: FileOrCreate}}
`);
    assert.deepEqual(of(text, 'writable-host-path'), []);
    assert.match(findings(text).find((f) => f.code === 'privileged')!.message, /programs the node's iptables rules/);
  });

  it('runAsUser 0 is explained in an agent that must be root and warned about elsewhere', () => {
    const asRoot = (mount: string, volume: string) => agent('reader', `      containers:
        - name: reader
          image: example.org/reader:1.2.0
          resources:
            requests: {cpu: 10m, memory: 16Mi}
            limits: {memory: 32Mi}
          securityContext:
            runAsUser: 0
          volumeMounts:
            - ${mount}
      volumes:
        - ${volume}
`);
    assert.deepEqual(of(asRoot('{name: pods, mountPath: /var/log/pods, readOnly: true}', '{name: pods, hostPath: {path: /var/log/pods}}'), 'run-as-root'), ['information 0']);
    assert.deepEqual(of(asRoot('{name: data, mountPath: /data}', '{name: data, emptyDir: {}}'), 'run-as-root'), ['warning 0']);
  });
});

describe('resources: warn where the risk is real', () => {
  const pod = (containers: string, extra = '') => agent('metrics', `${extra}      containers:
${containers}`);
  const main = (resources: string) => `        - name: main
          image: example.org/metrics:1.0.0
${resources}`;

  it('no requests at all: one warning for a pod that runs everywhere, information for one on selected nodes', () => {
    const bare = pod(main(''));
    assert.deepEqual(of(bare, 'no-resource-requests'), ['warning containers']);
    assert.match(findings(bare).find((f) => f.code === 'no-resource-requests')!.message, /BestEffort/);
    assert.deepEqual(of(pod(main(''), '      nodeSelector:\n        kubernetes.io/os: linux\n'), 'no-resource-requests'), ['warning containers'], 'an OS selector still selects every Linux node');
    assert.deepEqual(of(pod(main(''), '      nodeSelector:\n        example.org/pool: gpu\n'), 'no-resource-requests'), ['information containers']);
  });

  it('a critical pod is not evicted for node pressure: the message does not say so', () => {
    const message = findings(pod(main(''), '      priorityClassName: system-node-critical\n')).find((f) => f.code === 'no-resource-requests')!.message;
    assert.doesNotMatch(message, /evicted/);
  });

  it('a sidecar without requests next to a main container with them is fine; limits alone default the requests; pod-level resources count', () => {
    const sidecar = `        - name: sidecar\n          image: example.org/sidecar:1.0.0\n          resources:\n            limits: {memory: 32Mi}\n`;
    assert.deepEqual(of(pod(main('          resources:\n            requests: {cpu: 10m}\n') + sidecar), 'no-resource-requests'), []);
    assert.deepEqual(of(pod(main('          resources:\n            limits: {cpu: 100m, memory: 64Mi}\n')), 'no-resource-requests'), []);
    assert.deepEqual(of(pod(main(''), '      resources:\n        requests: {cpu: 50m, memory: 64Mi}\n        limits: {memory: 128Mi}\n'), 'no-resource-requests'), []);
    assert.deepEqual(of(pod(main(''), '      resources:\n        requests: {cpu: 50m, memory: 64Mi}\n        limits: {memory: 128Mi}\n'), 'no-memory-limit'), [], 'a pod-level memory limit bounds every container');
  });

  it('memory limits: long-running containers only, not init containers nor the pause image', () => {
    const initAndPause = agent('driver-installer', `      initContainers:
        - name: install
          image: example.org/driver-installer:2.0.0
          resources:
            requests: {cpu: 150m}
        - name: log-forwarder
          image: example.org/forwarder:1.0.0
          restartPolicy: Always
      containers:
        - name: pause
          image: registry.k8s.io/pause:3.10
`);
    assert.deepEqual(of(initAndPause, 'no-memory-limit'), ['warning log-forwarder'], 'a sidecar (restartPolicy Always) runs as long as the pod');
  });
});

describe('Windows pods are judged by Windows rules', () => {
  const windowsAgent = (placement: string, security = '') => agent('win-agent', `${placement}      containers:
        - name: agent
          image: example.org/win/agent:1.0.0-ltsc2022
          resources:
            requests: {cpu: 10m, memory: 64Mi}
            limits: {memory: 128Mi}
${security}`);
  const LINUX_ONLY = /allowPrivilegeEscalation|readOnlyRootFilesystem|runAsUser\b|seLinux|privileged/;

  for (const [how, placement] of [
    ['spec.os.name', '      os:\n        name: windows\n'],
    ['a kubernetes.io/os nodeSelector', '      nodeSelector:\n        kubernetes.io/os: windows\n'],
    ['a required node affinity', '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - {key: kubernetes.io/os, operator: In, values: [windows]}\n'],
  ]) {
    it(`never suggests a field validateWindows forbids (Windows by ${how})`, () => {
      const found = findings(windowsAgent(placement));
      assert.deepEqual(found.filter((f) => LINUX_ONLY.test(f.message)).map((f) => `${f.code}: ${f.message}`), []);
      assert.deepEqual(found.filter((f) => ['privilege-escalation', 'writable-root-filesystem'].includes(f.code)).map((f) => f.code), []);
      const root = found.filter((f) => f.code === 'run-as-root');
      assert.deepEqual(root.map((f) => f.severity), ['hint']);
      assert.match(root[0].message, /windowsOptions\.runAsUserName: ContainerUser/);
    });
  }

  it('following the hint silences it and applies cleanly', () => {
    const text = windowsAgent('      os:\n        name: windows\n', '          securityContext:\n            windowsOptions:\n              runAsUserName: ContainerUser\n');
    assert.deepEqual(of(text, 'run-as-root'), []);
    assert.deepEqual(errors(text), []);
  });

  it('a HostProcess pod: no run-as-root, no hostPath or hostNetwork findings (it runs on the host anyway)', () => {
    const text = agent('win-csi-proxy', `      nodeSelector:
        kubernetes.io/os: windows
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      containers:
        - name: proxy
          image: example.org/win/csi-proxy:v1.2.0
          resources:
            requests: {cpu: 10m, memory: 32Mi}
            limits: {memory: 128Mi}
          volumeMounts:
            - {name: kubelet-dir, mountPath: C:\\var\\lib\\kubelet}
      volumes:
        - name: kubelet-dir
          hostPath: {path: C:\\var\\lib\\kubelet, type: Directory}
`);
    assert.deepEqual(errors(text), []);
    const found = findings(text).filter((f) => ['run-as-root', 'writable-host-path', 'host-namespaces', 'privilege-escalation', 'writable-root-filesystem'].includes(f.code));
    assert.deepEqual(found.map((f) => `${f.code}: ${f.message}`), []);
    // HostProcess is what privileged is on Linux: said once, where the pod sets it.
    assert.deepEqual(of(text, 'privileged'), ['warning true']);
    assert.match(findings(text).find((f) => f.code === 'privileged')!.message, /Windows counterpart of privileged/);
  });

  it('a HostProcess CSI node plugin shows what it is through its registrar\'s registration path', () => {
    const text = agent('win-smb-csi', `      nodeSelector:
        kubernetes.io/os: windows
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      containers:
        - name: registrar
          image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1
          args:
            - "--csi-address=$(CSI_ENDPOINT)"
            - "--kubelet-registration-path=$(REG_SOCK)"
          env:
            - name: CSI_ENDPOINT
              value: unix://C:\\var\\lib\\kubelet\\plugins\\smb.example.org\\csi.sock
            - name: REG_SOCK
              value: C:\\var\\lib\\kubelet\\plugins\\smb.example.org\\csi.sock
          resources:
            requests: {cpu: 10m, memory: 20Mi}
            limits: {memory: 100Mi}
`);
    assert.deepEqual(errors(text), []);
    assert.deepEqual(of(text, 'privileged'), ['information true']);
    assert.match(findings(text).find((f) => f.code === 'privileged')!.message, /CSI node plugin formats and mounts volumes/);
  });

  it('a Windows CSI node plugin: Windows kubelet folders and csi-proxy pipes are its job', () => {
    const text = agent('win-disk-csi', `      nodeSelector:
        kubernetes.io/os: windows
      containers:
        - name: driver
          image: example.org/storage/disk-csi:v1.8.0-windows
          resources:
            requests: {cpu: 10m, memory: 40Mi}
            limits: {memory: 256Mi}
          securityContext:
            windowsOptions:
              runAsUserName: ContainerAdministrator
          volumeMounts:
            - {name: kubelet-dir, mountPath: 'C:\\var\\lib\\kubelet'}
            - {name: plugin-dir, mountPath: 'C:\\csi'}
            - {name: registration-dir, mountPath: 'C:\\registration'}
            - {name: disk-pipe, mountPath: '\\\\.\\pipe\\csi-proxy-disk-v1'}
      volumes:
        - {name: kubelet-dir, hostPath: {path: 'C:\\var\\lib\\kubelet', type: Directory}}
        - {name: plugin-dir, hostPath: {path: 'C:\\var\\lib\\kubelet\\plugins\\disk.example.org\\', type: DirectoryOrCreate}}
        - {name: registration-dir, hostPath: {path: 'C:\\var\\lib\\kubelet\\plugins_registry\\', type: Directory}}
        - {name: disk-pipe, hostPath: {path: '\\\\.\\pipe\\csi-proxy-disk-v1', type: ''}}
`);
    assert.deepEqual(errors(text), []);
    assert.deepEqual(of(text, 'writable-host-path'), []);
    assert.deepEqual(of(text, 'run-as-root'), ['information ContainerAdministrator']);
  });
});
