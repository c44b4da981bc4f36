/**
 * The DaemonSet Placement tree: per DaemonSet of the active editor, nodes
 * grouped Runs / Pending / Not scheduled (or by pool; counts in the labels),
 * optionally filtered, each node
 * with its pool, key labels and taints, and its reasons as children. It only
 * renders what the server answered.
 */
import * as vscode from 'vscode';
import type { NodeDetailsResult, PlacementDaemonSet, PlacementNode, PlacementReason, PlacementResult, SourceLocation } from '../../../server/src/protocol';
import type { ViewSource } from './sources';
import { sourceWarnings } from './sources';

export type PlacementItem =
  | { kind: 'message'; text: string }
  | { kind: 'daemonSet'; ds: PlacementDaemonSet; profile: string }
  | { kind: 'group'; ds: PlacementDaemonSet; status: PlacementNode['status']; nodes: PlacementNode[] }
  | { kind: 'pool'; ds: PlacementDaemonSet; pool: string | undefined; nodes: PlacementNode[] }
  | { kind: 'node'; node: PlacementNode }
  | { kind: 'reason'; reason: PlacementReason }
  | { kind: 'note'; text: string }
  /** One line of a node's details: its labels, taints, allocatable or free room. */
  | { kind: 'detail'; name: string; text: string };

/** The Runs group is open when it lists at most this many nodes. */
const RUNS_OPEN_UP_TO = 10;

const GROUPS: Array<{ status: PlacementNode['status']; label: string; icon: string; color: string }> = [
  { status: 'runs', label: 'Runs', icon: 'pass-filled', color: 'testing.iconPassed' },
  { status: 'pending', label: 'Pending', icon: 'warning', color: 'list.warningForeground' },
  { status: 'excluded', label: 'Not scheduled', icon: 'circle-slash', color: 'list.errorForeground' },
];

export type GroupBy = 'status' | 'pool';

/** Where a built DaemonSet or reason comes from in the sources (charts and overlays answer with `location`s). */
function locationOf(item: PlacementDaemonSet | PlacementReason): SourceLocation | undefined {
  return 'location' in item ? (item as { location?: SourceLocation }).location : undefined;
}

/** A command that opens a source location (a template, values file, base or patch line). */
function openLocation(location: SourceLocation, title: string): vscode.Command {
  return { title, command: 'daemonsetTools.revealReason', arguments: [vscode.Uri.parse(location.uri), location.range] };
}

export type ViewState = 'ok' | 'noEditor' | 'noDaemonSet' | 'profileError' | 'error';

/** Whether a node matches the filter text: its name, pool, status, labels, taints or reasons (case-insensitive). */
export function matchesFilter(node: PlacementNode, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  const status = GROUPS.find((g) => g.status === node.status)!.label;
  const haystack = [node.name, node.pool ?? '', status, ...node.labels, ...node.taints, ...node.reasons.flatMap((r) => [r.code, r.message])];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

export class PlacementTree implements vscode.TreeDataProvider<PlacementItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last answer and the document it is for. */
  result: PlacementResult | undefined;
  uri: vscode.Uri | undefined;
  /** What built the DaemonSets shown (a chart, an overlay); undefined for a plain manifest. */
  source: ViewSource | undefined;
  /** How nodes are grouped under each DaemonSet, and the filter text (empty: every node). */
  groupBy: GroupBy = 'status';
  filter = '';

  /** Fetches a node's allocatable and free room when the user looks at it. */
  constructor(private readonly details: (node: string) => Promise<NodeDetailsResult | null>) {}

  async resolveTreeItem(item: vscode.TreeItem, element: PlacementItem): Promise<vscode.TreeItem> {
    if (element.kind === 'node') item.tooltip = nodeTooltip(element.node, await this.details(element.node.name));
    return item;
  }

  /**
   * What the view has to show: DaemonSets, or one of its empty states (each
   * with the action that fixes it in the welcome content).
   */
  viewState(): ViewState {
    const result = this.result;
    if (!result) return 'noEditor';
    if (result.kind === 'error') return result.cause === 'profile' ? 'profileError' : 'error';
    return result.daemonSets.length ? 'ok' : 'noDaemonSet';
  }

  update(uri: vscode.Uri | undefined, result: PlacementResult | undefined, source?: ViewSource): void {
    this.uri = uri;
    this.result = result;
    this.source = source;
    this.changed.fire();
  }

  /** Changes the grouping or the filter and re-renders (the answer stays: nothing is asked again). */
  setView(view: { groupBy?: GroupBy; filter?: string }): void {
    this.groupBy = view.groupBy ?? this.groupBy;
    this.filter = (view.filter ?? this.filter).trim();
    void vscode.commands.executeCommand('setContext', 'daemonsetTools.groupBy', this.groupBy);
    void vscode.commands.executeCommand('setContext', 'daemonsetTools.filtered', this.filter !== '');
    this.changed.fire();
  }

  private groups(ds: PlacementDaemonSet): PlacementItem[] {
    const nodes = ds.nodes.filter((n) => matchesFilter(n, this.filter));
    if (this.filter && nodes.length === 0) return [{ kind: 'message', text: `No node matches "${this.filter}".` }];
    if (this.groupBy === 'status') return GROUPS.map((g) => ({ kind: 'group', ds, status: g.status, nodes: nodes.filter((n) => n.status === g.status) }));
    const pools = new Map<string | undefined, PlacementNode[]>();
    for (const node of nodes) {
      const members = pools.get(node.pool);
      if (members) members.push(node);
      else pools.set(node.pool, [node]);
    }
    return [...pools].map(([pool, members]) => ({ kind: 'pool', ds, pool, nodes: members }));
  }

  /** Selecting (expanding) a node shows its labels, taints, allocatable and free room; the room is asked for only then. */
  private async nodeDetails(node: PlacementNode): Promise<PlacementItem[]> {
    const details = await this.details(node.name);
    const amounts = (record: Record<string, string> | undefined) => (record ? Object.entries(record).map(([k, v]) => `${k} ${v}`).join(', ') : 'not given in the profile');
    return [
      { kind: 'detail', name: 'labels', text: Object.entries(details?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || node.labels.join(', ') || 'none' },
      { kind: 'detail', name: 'taints', text: node.taints.join(', ') || 'none' },
      { kind: 'detail', name: 'allocatable', text: amounts(details?.allocatable) },
      { kind: 'detail', name: 'free', text: amounts(details?.free) },
    ];
  }

  async getChildren(element?: PlacementItem): Promise<PlacementItem[]> {
    const result = this.result;
    if (!element) {
      // Empty states are drawn by the view's welcome content (package.json viewsWelcome), keyed on viewState().
      if (result?.kind !== 'ok' || result.daemonSets.length === 0) return [];
      const warnings = sourceWarnings(this.source).map((text): PlacementItem => ({ kind: 'message', text }));
      return [...result.daemonSets.map((ds): PlacementItem => ({ kind: 'daemonSet', ds, profile: result.profile.name })), ...warnings];
    }
    switch (element.kind) {
      case 'daemonSet':
        return this.groups(element.ds);
      case 'group':
      case 'pool':
        return element.nodes.map((node) => ({ kind: 'node', node }));
      case 'node':
        return [...element.node.reasons.map((reason) => ({ kind: 'reason' as const, reason })), ...element.node.notes.map((text) => ({ kind: 'note' as const, text })), ...(await this.nodeDetails(element.node))];
      default:
        return [];
    }
  }

  getTreeItem(element: PlacementItem): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    switch (element.kind) {
      case 'message': {
        const item = new vscode.TreeItem(element.text, None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'daemonSet': {
        const { runs, pending, excluded } = element.ds.summary;
        const item = new vscode.TreeItem(`${element.ds.namespace}/${element.ds.name}`, vscode.TreeItemCollapsibleState.Expanded);
        const shown = this.filter ? ` · filter "${this.filter}": ${element.ds.nodes.filter((n) => matchesFilter(n, this.filter)).length} nodes` : '';
        item.description = `runs on ${runs} of ${element.ds.nodes.length} · ${pending} pending · ${excluded} not scheduled (${element.profile})${shown}`;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.contextValue = 'daemonSet';
        const location = locationOf(element.ds);
        if (location) {
          item.command = openLocation(location, 'Open where the DaemonSet is defined');
          item.tooltip = `${this.source?.label ?? ''}: defined in ${vscode.workspace.asRelativePath(vscode.Uri.parse(location.uri))}:${location.range.start.line + 1}`;
        }
        return item;
      }
      case 'group': {
        const group = GROUPS.find((g) => g.status === element.status)!;
        // Open: the nodes that need attention, and a short Runs list (it shows where the DaemonSet lands); a long one stays closed.
        const open = element.nodes.length > 0 && (element.status !== 'runs' || element.nodes.length <= RUNS_OPEN_UP_TO);
        const item = new vscode.TreeItem(`${group.label} (${element.nodes.length})`, open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(group.icon, new vscode.ThemeColor(group.color));
        item.contextValue = `group-${element.status}`;
        return item;
      }
      case 'pool': {
        const worst = [...GROUPS].reverse().find((g) => element.nodes.some((n) => n.status === g.status))!;
        const item = new vscode.TreeItem(`${element.pool ?? 'single nodes'} (${element.nodes.length})`, worst.status === 'runs' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
        item.description = GROUPS.map((g) => [g.label.toLowerCase(), element.nodes.filter((n) => n.status === g.status).length] as const).filter(([, count]) => count > 0).map(([label, count]) => `${count} ${label}`).join(' · ');
        item.iconPath = new vscode.ThemeIcon(element.pool ? 'layers' : 'vm', new vscode.ThemeColor(worst.color));
        item.contextValue = 'pool';
        return item;
      }
      case 'node': {
        const { node } = element;
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
        const keyLabels = node.labels.filter((label) => !label.startsWith('kubernetes.io/') && !label.startsWith('node.kubernetes.io/instance-type'));
        item.description = [node.pool ? `pool ${node.pool}` : '', ...keyLabels.slice(0, 2), ...node.taints.slice(0, 2)].filter(Boolean).join(' · ');
        item.tooltip = nodeTooltip(node, null);
        item.iconPath = new vscode.ThemeIcon('vm', new vscode.ThemeColor(GROUPS.find((g) => g.status === node.status)!.color));
        item.contextValue = 'node';
        return item;
      }
      case 'reason': {
        const item = new vscode.TreeItem(element.reason.message, None);
        item.description = element.reason.code;
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = `${element.reason.code}: ${element.reason.message}`;
        const location = locationOf(element.reason);
        if (location) {
          // a built DaemonSet: the template, values-file, base or patch line (its `range` is in the built text)
          item.command = openLocation(location, 'Reveal in the sources');
          item.tooltip = `${element.reason.code}: ${element.reason.message} (${vscode.workspace.asRelativePath(vscode.Uri.parse(location.uri))}:${location.range.start.line + 1})`;
        } else if (element.reason.range && this.uri && !this.source) {
          item.command = { title: 'Reveal in manifest', command: 'daemonsetTools.revealReason', arguments: [this.uri, element.reason.range] };
        }
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(element.name, None);
        item.description = element.text;
        item.tooltip = `${element.name}: ${element.text}`;
        item.iconPath = new vscode.ThemeIcon({ labels: 'tag', taints: 'warning', allocatable: 'server', free: 'pie-chart' }[element.name] ?? 'info');
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(element.text, None);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = element.text;
        return item;
      }
    }
  }
}

/** What the view renders, as labels and descriptions (tests read the tree through this). */
export interface RenderedItem {
  label: string;
  description?: string;
  /** What clicking the item runs (opening a source location), if anything. */
  command?: vscode.Command;
  children: RenderedItem[];
}

export async function renderTree(tree: PlacementTree, depth: number, element?: PlacementItem): Promise<RenderedItem[]> {
  return Promise.all(
    (await tree.getChildren(element)).map(async (child) => {
      const item = tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { label, description: typeof item.description === 'string' ? item.description : undefined, command: item.command, children: depth > 1 ? await renderTree(tree, depth - 1, child) : [] };
    }),
  );
}

function nodeTooltip(node: PlacementNode, details: NodeDetailsResult | null): vscode.MarkdownString {
  const lines = [`**${node.name}** — ${node.status}${node.score ? ` · preferred affinity score ${node.score}` : ''}`, ''];
  const labels = details ? Object.entries(details.labels).map(([k, v]) => `${k}=${v}`) : node.labels;
  lines.push(`Labels: ${labels.map((label) => `\`${label}\``).join(', ') || 'none'}`);
  lines.push('', `Taints: ${node.taints.map((t) => `\`${t}\``).join(', ') || 'none'}`);
  if (details?.allocatable) lines.push('', `Allocatable: ${Object.entries(details.allocatable).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (details?.free) lines.push('', `Free: ${Object.entries(details.free).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return new vscode.MarkdownString(lines.join('\n'));
}
