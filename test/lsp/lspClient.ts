/**
 * A minimal LSP client for tests: starts the built dist/server.js with --stdio
 * and speaks real JSON-RPC to it over the child's stdin/stdout.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { expandPlacementAnswer } from '../../server/src/placementWire/expandPlacement';
import type { PlacementAnswer, PlacementParams, PlacementResult } from '../../server/src/protocol';
import { PlacementRequestMethod } from '../../server/src/protocol';
import { SERVER_EXEC_ARGV } from '../../server/src/launchOptions';

export const serverPath = resolve(__dirname, '../../dist/server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Every publishDiagnostics notification received, by uri (latest last). */
  published: Map<string, PublishDiagnosticsParams[]>;
  /** Log messages the server sent (window/logMessage). */
  logs: string[];
  /** Every client/registerCapability registration the server asked for (method and options). */
  registrations: Array<{ method: string; registerOptions?: unknown }>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** Resolves with the next publishDiagnostics for uri. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  /** Resolves with the first publishDiagnostics for uri (the latest one received so far included) that satisfies `until`. */
  diagnosticsUntil(uri: string, until: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /**
   * Tells the server its settings changed (as VS Code does) and resolves once
   * the client has answered its workspace/configuration request (the server
   * reads the answer before any later message).
   */
  settingsChanged(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Client capabilities beyond the defaults (e.g. pull diagnostics). */
  capabilities?: Record<string, unknown>;
  /** Answers to workspace/configuration requests, by section. */
  settings?: Record<string, unknown>;
  /** Another language server to talk to (the benchmark's yaml-language-server): its script, run with node and --stdio. */
  serverScript?: string;
  /** Absolute paths of the workspace folders (none by default). */
  workspaceFolders?: string[];
  /**
   * initializationOptions.trusted: whether the workspace is trusted (true by
   * default, as in a trusted VS Code window); null sends no initializationOptions.
   */
  trusted?: boolean | null;
}

export async function startTestClient(options: StartOptions = {}): Promise<TestClient> {
  // for the benches: DST_SERVER_NODE_ARGS, node options for the server process (`--cpu-prof --cpu-prof-dir=/tmp/prof`);
  // DST_SERVER_SCRIPT, another build of our server (a before/after comparison)
  const nodeArgs = process.env.DST_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const script = options.serverScript ?? process.env.DST_SERVER_SCRIPT ?? serverPath;
  // our server runs with the options the client launches it with; another server or build, as it is
  const launch = script === serverPath ? SERVER_EXEC_ARGV : [];
  const child = spawn(process.execPath, [...launch, ...nodeArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const nextDiagnostics = (uri: string): Promise<PublishDiagnosticsParams> =>
    new Promise((resolveNext) => {
      const list = waiters.get(uri) ?? [];
      list.push(resolveNext);
      waiters.set(uri, list);
    });
  const waiters = new Map<string, Array<(p: PublishDiagnosticsParams) => void>>();
  const logs: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const list = published.get(params.uri) ?? [];
    list.push(params);
    published.set(params.uri, list);
    const waiting = waiters.get(params.uri);
    if (waiting?.length) waiting.shift()?.(params);
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  let configurationWaiters: Array<() => void> = [];
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
    const answer = params.items.map((item) => (item.section ? (options.settings?.[item.section] ?? null) : null));
    const waiting = configurationWaiters;
    configurationWaiters = [];
    // after the answer is on its way: the server handles it before anything the test sends next
    setImmediate(() => waiting.forEach((done) => done()));
    return answer;
  });
  const registrations: TestClient['registrations'] = [];
  connection.onRequest('client/registerCapability', (params: { registrations: TestClient['registrations'] }) => {
    registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const initializeResult: InitializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: options.workspaceFolders?.map((folder) => ({ uri: pathToFileURL(folder).href, name: folder })) ?? null,
    ...(options.trusted === null ? {} : { initializationOptions: { trusted: options.trusted ?? true } }),
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      ...options.capabilities,
    },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    initializeResult,
    published,
    logs,
    registrations,
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async settingsChanged() {
      const read = new Promise<void>((done) => configurationWaiters.push(done));
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await read;
    },
    nextDiagnostics,
    async diagnosticsUntil(uri, until) {
      const latest = published.get(uri)?.at(-1);
      if (latest && until(latest)) return latest;
      for (;;) {
        const next = await nextDiagnostics(uri);
        if (until(next)) return next;
      }
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((done) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            done();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
        });
      }
    },
  };
}

/**
 * The placement request as a client holding nothing sends it: the full
 * answer, expanded to the shape the view reads (the incremental answers have
 * their own tests, placementAnswers.test.ts).
 */
export async function requestPlacement(connection: MessageConnection, params: PlacementParams): Promise<PlacementResult> {
  const answer: PlacementAnswer = await connection.sendRequest(PlacementRequestMethod, params);
  const expanded = expandPlacementAnswer(answer, undefined, undefined);
  if (expanded.kind === 'stale') throw new Error(`a full placement answer could not be expanded: ${expanded.why}`);
  return expanded.result;
}

/** Splits inline text with a `|` cursor marker into the text and the cursor position. */
export function withCursor(marked: string): { text: string; line: number; character: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text, line, character };
}
