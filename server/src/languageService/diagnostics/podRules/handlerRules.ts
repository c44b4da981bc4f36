/**
 * Probe and lifecycle rules of the API server (validateLivenessProbe,
 * validateReadinessProbe, validateStartupProbe, validateProbe,
 * validateHandler and its actions, validateLifecycle, validateInitContainers'
 * restrictions on init containers that are not sidecars, validateResizePolicy).
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { portNameProblem, portNumberProblem } from './names';
import type { ContainerNode } from './podContext';
import { PodContext } from './podContext';

const CODE = 'probe-handler';
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

/** ValidatePortNumOrName on an int-or-string port. */
function checkPort(p: PodContext, action: unknown, where: string): void {
  const node = p.get(action, 'port');
  const number = p.number(node);
  const text = number === undefined ? p.text(node) : undefined;
  const problem = number !== undefined ? portNumberProblem(number) : text !== undefined ? portNameProblem(text) : undefined;
  if (problem) p.report(CODE, 'error', `${where}.port ${number ?? `"${text}"`} ${problem}`, node);
}

/** validateHandler: exactly one action, each action well-formed. */
function checkHandler(p: PodContext, handler: unknown, kinds: string[], where: string, keyNode: unknown, gracePeriod: number): void {
  const present = kinds.filter((h) => p.get(handler, h) !== null);
  // a template action may write the handler (`{{- toYaml .Values.probe | nindent 8 }}`): only a fully written one lacks it for sure
  if (present.length === 0 && p.fullyKnown(handler)) p.report(CODE, 'error', `${where} has no handler: add one of ${kinds.join(', ')}`, keyNode);
  if (present.length > 1 && !present.slice(1).every((h) => p.exclusive(p.keyOf(handler, present[0]), p.keyOf(handler, h)))) p.report(CODE, 'error', `${where} has more than one handler (${present.join(', ')}): keep one`, p.keyOf(handler, present[1]));
  const exec = p.get(handler, 'exec');
  if (exec !== null && p.items(p.get(exec, 'command')).length === 0) p.report(CODE, 'error', `${where}.exec.command is required: add the command to run`, p.keyOf(handler, 'exec'));
  const http = p.get(handler, 'httpGet');
  if (http !== null) {
    checkPort(p, http, `${where}.httpGet`);
    for (const header of p.items(p.get(http, 'httpHeaders'))) {
      const name = p.text(p.get(header, 'name'));
      if (name !== undefined && !/^[-A-Za-z0-9]+$/.test(name)) p.report(CODE, 'error', `${where}.httpGet header name "${name}" may hold only letters, digits and '-': rename it`, p.get(header, 'name'));
    }
  }
  const tcp = p.get(handler, 'tcpSocket');
  if (tcp !== null) checkPort(p, tcp, `${where}.tcpSocket`);
  const grpc = p.get(handler, 'grpc');
  if (grpc !== null) checkPort(p, grpc, `${where}.grpc`);
  const seconds = p.number(p.get(handler, 'sleep', 'seconds'));
  // PodLifecycleSleepActionAllowZero (on by default since 1.33) lets 0 through.
  if (seconds !== undefined && (seconds < 0 || seconds > gracePeriod)) p.report(CODE, 'error', `${where}.sleep.seconds ${seconds} is outside 0 to terminationGracePeriodSeconds (${gracePeriod}): use a value in that range, or raise the grace period`, p.get(handler, 'sleep', 'seconds'));
}

function checkContainer(p: PodContext, { node, list }: ContainerNode, gracePeriod: number): void {
  const sidecar = list === 'initContainers' && p.text(p.get(node, 'restartPolicy')) === 'Always';
  const plainInit = list === 'initContainers' && !sidecar;
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probeNode = p.get(node, probe);
    if (probeNode === null) continue;
    if (plainInit) {
      p.report(CODE, 'error', `${probe} is only allowed on init containers with restartPolicy: Always (sidecars): remove it, or make this init container a sidecar`, p.keyOf(node, probe));
      continue;
    }
    if (!isMap(probeNode)) continue;
    checkHandler(p, probeNode, PROBE_HANDLERS, probe, p.keyOf(node, probe), gracePeriod);
    for (const field of PROBE_COUNTS) {
      const value = p.number(p.get(probeNode, field));
      if (value !== undefined && value < 0) p.report(CODE, 'error', `${probe}.${field} is negative: use 0 or more`, p.get(probeNode, field));
    }
    const success = p.number(p.get(probeNode, 'successThreshold'));
    if (probe !== 'readinessProbe' && success !== undefined && success !== 1 && success > 0) p.report(CODE, 'error', `${probe}.successThreshold must be 1: set it to 1 or remove it`, p.get(probeNode, 'successThreshold'));
    const grace = p.get(probeNode, 'terminationGracePeriodSeconds');
    const graceValue = p.number(grace);
    if (probe === 'readinessProbe' && graceValue !== undefined) p.report(CODE, 'error', 'terminationGracePeriodSeconds is not allowed in a readinessProbe: remove it', p.keyOf(probeNode, 'terminationGracePeriodSeconds'));
    else if (graceValue !== undefined && graceValue <= 0) p.report(CODE, 'error', `${probe}.terminationGracePeriodSeconds must be greater than 0: use 1 or more, or remove it`, grace);
  }
  const lifecycle = p.get(node, 'lifecycle');
  // dropContainerStopSignals (ContainerStopSignals off) removes stopSignal, and a lifecycle left empty with it
  const onlyStopSignal = isMap(lifecycle) && p.entries(lifecycle).every((e) => e.key === 'stopSignal') && p.fullyKnown(lifecycle) && lifecycle.items.length > 0;
  if (lifecycle !== null && plainInit && !onlyStopSignal) p.report(CODE, 'error', 'lifecycle is only allowed on init containers with restartPolicy: Always (sidecars): remove it, or make this init container a sidecar', p.keyOf(node, 'lifecycle'));
  else {
    for (const hook of ['postStart', 'preStop']) {
      const hookNode = p.get(lifecycle, hook);
      if (isMap(hookNode)) checkHandler(p, hookNode, LIFECYCLE_HANDLERS, `lifecycle.${hook}`, p.keyOf(lifecycle, hook), gracePeriod);
    }
  }
  checkResizePolicy(p, node, plainInit);
}

/**
 * validateResizePolicy, and validateInitContainers' rule for it: since
 * InPlacePodVerticalScaling went GA (1.35, AllowSidecarResizePolicy) any init
 * container may carry a resizePolicy, but one that is not a sidecar may not
 * ask for RestartContainer.
 */
function checkResizePolicy(p: PodContext, node: unknown, plainInit: boolean): void {
  const seen = new Set<string>();
  for (const item of p.items(p.get(node, 'resizePolicy'))) {
    const nameNode = p.get(item, 'resourceName');
    const name = p.text(nameNode);
    // an empty resourceName or restartPolicy is the schema rule's (missing-required)
    if (name !== undefined && name !== '' && name !== 'cpu' && name !== 'memory') p.report(CODE, 'error', `resizePolicy resourceName "${name}" is not supported: use cpu or memory`, nameNode);
    if (name !== undefined && seen.has(name)) p.report(CODE, 'error', `resizePolicy resourceName "${name}" is listed twice: remove one`, nameNode);
    if (name !== undefined) seen.add(name);
    const restartNode = p.get(item, 'restartPolicy');
    const restart = p.text(restartNode);
    if (restart !== undefined && restart !== '' && restart !== 'NotRequired' && restart !== 'RestartContainer') p.report(CODE, 'error', `resizePolicy restartPolicy "${restart}" is not supported: use NotRequired or RestartContainer`, restartNode);
    else if (restart === 'RestartContainer' && plainInit) p.report(CODE, 'error', "resizePolicy restartPolicy 'RestartContainer' is not allowed for an init container that is not a sidecar (it never runs again): use NotRequired", restartNode);
  }
}

export const handlerRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, wholeObject: true, defaultSeverity: 'error', description: 'Probes and lifecycle hooks need exactly one well-formed handler (exec command, valid ports and header names, sleep within the grace period); liveness and startup successThreshold must be 1; no negative probe numbers; no readiness terminationGracePeriodSeconds; no probes or lifecycle on init containers that are not sidecars; resizePolicy for cpu or memory, once each, RestartContainer only on containers and sidecars.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    if (!isMap(p.podSpec)) return;
    const gracePeriod = p.number(p.get(p.podSpec, 'terminationGracePeriodSeconds')) ?? 30; // v1 default
    for (const container of p.containers()) {
      // Ephemeral containers may set none of these (validateFieldAllowList): the pod spec rules say so once.
      if (container.list !== 'ephemeralContainers') checkContainer(p, container, gracePeriod);
    }
  },
};
