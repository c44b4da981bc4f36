/**
 * Issue 15 items 8-10 over LSP, on the built server (dist/server.js), each
 * figure from a fresh server process so peaks do not mix:
 * 8. a keystroke (incremental didChange, then the diagnostics pull and the
 *    completion VS Code sends after it) at 17k and 52k lines: the 52k p95
 *    within 1.5× of the 17k one; the placement view's request after a
 *    keystroke in a 20 MB manifest;
 * 9. the server's peak resident memory (VmHWM) at 52k lines and on 20 MB;
 * 10. whole-file diagnostics against a server that only runs the `yaml`
 *    package's parseAllDocuments (bareYamlServer.mjs, same transport), and the
 *    first answers after opening a 52k-line file with the cursor in its middle.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PlacementRequests } from '../server/src/placementWire/placementRequests';
import { PlacementRequestMethod, VisibleRangesNotificationMethod } from '../server/src/protocol';
import type { PlacementAnswer, VisibleRangesParams } from '../server/src/protocol';
import { isPartialResultId } from '../server/src/diagnosticsService';
import type { TestClient } from '../test/lsp/lspClient';
import { startTestClient } from '../test/lsp/lspClient';
import { bigDaemonSetFile } from './bigFile';
import { line } from './stats';

/** Documents of bigDaemonSetFile (66 lines each) for about 17k and 52k lines, and for 20 MB. */
const DOCS_17K = 258;
const DOCS_52K = 788;
const DOCS_20MB = 11_800;

const PULL = { capabilities: { textDocument: { diagnostic: {} } } };

interface Report {
  items: Diagnostic[];
  resultId?: string;
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
function memoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** CPU time a process has used (user + system), in ms (Linux /proc, clock ticks of 10 ms): on a busy machine, what the work costs without the wait for a core. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // after the command name: state is field 3, utime 14 and stime 15 (1-based, as proc(5) counts)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (value: number) => `${value.toFixed(0)} MB`;

/** An open document on a server, with a mirror of its text to compute positions and send incremental edits. */
class Session {
  private mirror: TextDocument;
  private refreshes: Array<() => void> = [];

  constructor(
    readonly client: TestClient,
    readonly uri: string,
    text: string,
  ) {
    this.mirror = TextDocument.create(uri, 'yaml', 1, text);
    client.connection.onRequest('workspace/diagnostic/refresh', () => {
      const waiting = this.refreshes;
      this.refreshes = [];
      waiting.forEach((done) => done());
      return null;
    });
    client.open(uri, text, 1);
  }

  get text(): string {
    return this.mirror.getText();
  }

  /** Sends one incremental change (as VS Code does on a keystroke). */
  edit(start: number, end: number, text: string): void {
    const range = { start: this.mirror.positionAt(start), end: this.mirror.positionAt(end) };
    const version = this.mirror.version + 1;
    this.mirror = TextDocument.update(this.mirror, [{ range, text }], version);
    void this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges: [{ range, text }] });
  }

  /** The last report, as the client keeps it (VS Code sends its result id with the next pull, and keeps it when the answer is "unchanged"). */
  private last: Report | undefined;

  async pull(): Promise<Report> {
    const answer = await this.client.connection.sendRequest<Report & { kind: string }>('textDocument/diagnostic', { textDocument: { uri: this.uri }, previousResultId: this.last?.resultId });
    if (answer.kind === 'unchanged' && this.last) return this.last;
    this.last = answer;
    return answer;
  }

  /** Pulls until the report covers the whole file (a big file's first report may hold only what the user sees). */
  async wholeFile(): Promise<Report> {
    for (;;) {
      const refreshed = new Promise<void>((done) => this.refreshes.push(done));
      const report = await this.pull();
      if (!isPartialResultId(report.resultId)) return report;
      await refreshed;
    }
  }

  completionAt(position: { line: number; character: number }): Promise<unknown> {
    return this.client.connection.sendRequest('textDocument/completion', { textDocument: { uri: this.uri }, position });
  }

  hover(offset: number): Promise<unknown> {
    return this.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri }, position: this.mirror.positionAt(offset) });
  }

  visible(fromLine: number, toLine: number): void {
    const params: VisibleRangesParams = { uri: this.uri, ranges: [{ start: { line: fromLine, character: 0 }, end: { line: toLine, character: 0 } }] };
    void this.client.connection.sendNotification(VisibleRangesNotificationMethod, params);
  }

  positionOf(offset: number): { line: number; character: number } {
    return this.mirror.positionAt(offset);
  }
}

/** The offset of the last character of `imagePullPolicy: IfNotPresent` in the document in the middle of the file. */
function middleValueEnd(text: string): number {
  const key = 'imagePullPolicy: IfNotPresent';
  return text.indexOf(key, Math.floor(text.length / 2)) + key.length - 1;
}

interface Keystrokes {
  completionP95: number;
  diagnosticsP95: number;
  /** The server's CPU time per keystroke (the change, the diagnostics pull and the completion), mean. */
  serverCpu: number;
}

/**
 * Deletes and types again the last letter of a value in the middle document,
 * `count` times; after each change, the diagnostics pull and a completion at
 * the cursor are sent together, as VS Code sends them, and each is timed from
 * the change.
 */
async function keystrokes(session: Session, count: number): Promise<Keystrokes> {
  const at = middleValueEnd(session.text);
  const completion: number[] = [];
  const diagnostics: number[] = [];
  let cpuAtStart = 0;
  for (let i = 0; i < count + 10; i++) {
    if (i === 10) cpuAtStart = cpuMs(session.client.process.pid!);
    // timed from the change on the wire: the bench's own copy of the text and its line offsets (TextDocument) are no editor's cost
    if (i % 2 === 0) session.edit(at, at + 1, '');
    else session.edit(at, at, 't');
    const cursor = session.positionOf(i % 2 === 0 ? at : at + 1);
    const start = performance.now();
    const pulled = session.pull().then(() => performance.now() - start);
    const completed = session.completionAt(cursor).then(() => performance.now() - start);
    const [d, c] = await Promise.all([pulled, completed]);
    if (i < 10) continue; // warm-up: the first keystrokes compile the incremental path
    diagnostics.push(d);
    completion.push(c);
  }
  const serverCpu = (cpuMs(session.client.process.pid!) - cpuAtStart) / count;
  return { completionP95: percentile(completion, 0.95), diagnosticsP95: percentile(diagnostics, 0.95), serverCpu };
}

async function keystrokesAt(docs: number): Promise<Keystrokes & { peakMb: number; lines: number }> {
  const text = bigDaemonSetFile(docs);
  const client = await startTestClient(PULL);
  const session = new Session(client, 'file:///bench/typing.yaml', text);
  await session.wholeFile();
  const figures = await keystrokes(session, 200);
  const peakMb = memoryMb(client.process.pid!).peak;
  await client.stop();
  return { ...figures, peakMb, lines: text.split('\n').length };
}

/** Opens the text on a warm server (the same text opened and diagnosed once under another name) and times whole-file diagnostics. */
async function wholeFileOverLsp(serverScript: string | undefined, text: string): Promise<number> {
  const client = await startTestClient({ ...PULL, serverScript });
  const warm = new Session(client, 'file:///bench/warm.yaml', text);
  await warm.wholeFile();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const session = new Session(client, `file:///bench/open-${i}.yaml`, text);
    await session.wholeFile();
    times.push(performance.now() - start);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: session.uri } });
  }
  await client.stop();
  return percentile(times, 0.5);
}

/**
 * Opens a 52k-line file with the cursor in its middle, on a server that has
 * served a small file: the editor sends the visible range, pulls diagnostics
 * and asks for a hover; each timed from the open.
 */
async function firstAnswers(text: string): Promise<{ hover: number; firstReport: number; visibleCovered: boolean; whole: number }> {
  const client = await startTestClient(PULL);
  const small = new Session(client, 'file:///bench/small.yaml', readFileSync(resolve(__dirname, '../examples/fluentd.yaml'), 'utf8'));
  await small.wholeFile();
  const start = performance.now();
  const session = new Session(client, 'file:///bench/opened.yaml', text);
  const cursor = middleValueEnd(text);
  const cursorLine = session.positionOf(cursor).line;
  session.visible(cursorLine - 25, cursorLine + 25);
  const first = session.pull().then((report) => ({ report, at: performance.now() - start }));
  const hovered = session.hover(cursor - 20).then(() => performance.now() - start);
  const [{ report, at }, hover] = await Promise.all([first, hovered]);
  // the bench file has a warning in every DaemonSet: the visible one's must be in the first report
  const visibleCovered = report.items.some((d) => Math.abs(d.range.start.line - cursorLine) < 66);
  await session.wholeFile();
  const whole = performance.now() - start;
  await client.stop();
  return { hover, firstReport: at, visibleCovered, whole };
}

interface HugeFigures {
  lines: number;
  sizeMb: number;
  whole: number;
  placementP95: number;
  /** The server's CPU time per placement request after a keystroke (the edit's didChange included), mean. */
  placementCpu: number;
  /** Bytes of the placement answers' JSON: the first (full), after a keystroke, after a line break (every later document moves). */
  answerBytes: { first: number; keystroke: number; lineBreak: number };
  completionP95: number;
  peakMb: number;
}

/** A 20 MB manifest: the first answers, the view's placement request and completion after a keystroke, peak memory. */
async function hugeFile(): Promise<HugeFigures> {
  const text = bigDaemonSetFile(DOCS_20MB);
  const client = await startTestClient(PULL);
  const start = performance.now();
  const session = new Session(client, 'file:///bench/huge.yaml', text);
  await session.wholeFile();
  const whole = performance.now() - start;
  // the view's requests as the client makes them: naming what it holds, expanding each answer
  const answers: PlacementAnswer[] = [];
  const requests = new PlacementRequests(async (params) => {
    const answer = await client.connection.sendRequest<PlacementAnswer>(PlacementRequestMethod, params);
    answers.push(answer);
    return answer;
  });
  const place = () => requests.request(session.uri);
  await place();
  const at = middleValueEnd(text);
  const placement: number[] = [];
  let cpuAtStart = 0;
  for (let i = 0; i < 12; i++) {
    if (i === 2) cpuAtStart = cpuMs(client.process.pid!);
    // timed from the change on the wire: the bench's own copy of 20 MB of text (TextDocument.update) is no editor's cost
    session.edit(at, at + (i % 2 === 0 ? 1 : 0), i % 2 === 0 ? '' : 't');
    const begin = performance.now();
    await place();
    if (i >= 2) placement.push(performance.now() - begin);
  }
  const placementCpu = (cpuMs(client.process.pid!) - cpuAtStart) / placement.length;
  const keystroke = answers.at(-1)!;
  // a line break in the middle: the documents below move down a line
  session.edit(at + 1, at + 1, '\n');
  await place();
  const bytes = (answer: PlacementAnswer) => Buffer.byteLength(JSON.stringify(answer));
  const answerBytes = { first: bytes(answers[0]), keystroke: bytes(keystroke), lineBreak: bytes(answers.at(-1)!) };
  answers.length = 0;
  session.edit(at + 1, at + 2, '');
  const typing = await keystrokes(session, 20);
  const peakMb = memoryMb(client.process.pid!).peak;
  await client.stop();
  return { lines: text.split('\n').length, sizeMb: text.length / 1e6, whole, placementP95: percentile(placement, 0.95), placementCpu, answerBytes, completionP95: typing.completionP95, peakMb };
}

/**
 * A 20 MB manifest without the placement view: opened, diagnosed whole, then
 * typed in; the peak memory of the model, findings and diagnostics alone
 * (the view's answer is measured by `huge`), and the live heap after each step.
 */
async function hugeFileWithoutPlacement(): Promise<{ sizeMb: number; wholePeakMb: number; peakMb: number; serverCpu: number }> {
  const text = bigDaemonSetFile(DOCS_20MB);
  const client = await startTestClient(PULL);
  const session = new Session(client, 'file:///bench/huge.yaml', text);
  await session.wholeFile();
  const wholePeakMb = memoryMb(client.process.pid!).peak;
  const typing = await keystrokes(session, 20);
  const peakMb = memoryMb(client.process.pid!).peak;
  await client.stop();
  return { sizeMb: text.length / 1e6, wholePeakMb, peakMb, serverCpu: typing.serverCpu };
}

/** The parts of the bench: all by default, or those named on the command line (`node --import tsx --expose-gc bench/scale.bench.ts typing open`). */
const PARTS = ['typing', 'whole', 'open', 'huge', 'memory'] as const;

export async function runScaleBench(parts: readonly string[] = PARTS): Promise<void> {
  console.log('scale over LSP (issue 15 items 8-10; fresh server process per figure)');
  if (parts.includes('typing')) await typingFigures();
  const text = bigDaemonSetFile(DOCS_52K);
  if (parts.includes('whole')) await wholeFileFigures(text);
  if (parts.includes('open')) await openFigures(text);
  if (parts.includes('huge')) await hugeFigures();
  if (parts.includes('memory')) await memoryFigures();
}

async function memoryFigures(): Promise<void> {
  const huge = await hugeFileWithoutPlacement();
  line(`9. peak server memory, ${huge.sizeMb.toFixed(0)} MB, whole-file diagnostics (VmHWM, no placement view)`, mb(huge.wholePeakMb));
  line(`9. peak server memory, ${huge.sizeMb.toFixed(0)} MB, diagnostics then typing (VmHWM, no placement view)`, mb(huge.peakMb));
  line(`8. ${huge.sizeMb.toFixed(0)} MB: server CPU per keystroke (mean)`, ms(huge.serverCpu));
}

async function typingFigures(): Promise<void> {
  const small = await keystrokesAt(DOCS_17K);
  const big = await keystrokesAt(DOCS_52K);
  line(`8. keystroke → completion, ${small.lines} lines (p95)`, ms(small.completionP95));
  line(`8. keystroke → completion, ${big.lines} lines (p95)`, ms(big.completionP95));
  line('8. ratio 52k / 17k lines', `${(big.completionP95 / small.completionP95).toFixed(2)}×`, '≤ 1.5×');
  line(`8. keystroke → diagnostics, ${small.lines} lines (p95)`, ms(small.diagnosticsP95));
  line(`8. keystroke → diagnostics, ${big.lines} lines (p95)`, ms(big.diagnosticsP95));
  line(`8. server CPU per keystroke, ${small.lines} lines (mean)`, ms(small.serverCpu));
  line(`8. server CPU per keystroke, ${big.lines} lines (mean)`, ms(big.serverCpu));
  line('8. ratio 52k / 17k lines (CPU: the figure a busy machine leaves)', `${(big.serverCpu / small.serverCpu).toFixed(2)}×`, '≤ 1.5×');
  line('9. peak server memory, 52k lines (VmHWM)', mb(big.peakMb), '≤ 150 MB');
}

async function wholeFileFigures(text: string): Promise<void> {
  const bare = await wholeFileOverLsp(resolve(__dirname, 'bareYamlServer.mjs'), text);
  // the same yardstick on the ES module build of yaml, the one our bundles take (faster than Node's CommonJS build)
  process.env.DST_BARE_YAML_BUILD = 'es';
  const bareEs = await wholeFileOverLsp(resolve(__dirname, 'bareYamlServer.mjs'), text);
  delete process.env.DST_BARE_YAML_BUILD;
  const ours = await wholeFileOverLsp(undefined, text);
  line('10. whole-file diagnostics, 52k lines, bare yaml parse server', ms(bare));
  line('10. … the same on yaml\'s ES module build (the one we bundle)', ms(bareEs));
  line('10. whole-file diagnostics, 52k lines, ours', ms(ours));
  line('10. ratio ours / bare yaml parse', `${(ours / bare).toFixed(2)}×`, '≤ 1.5×');
  line('10. ratio ours / bare yaml parse on the same build', `${(ours / bareEs).toFixed(2)}×`, '≤ 1.5×');
}

async function openFigures(text: string): Promise<void> {
  const first = await firstAnswers(text);
  line('10. open 52k lines: hover at the cursor answered after', ms(first.hover), '≤ 100 ms');
  line('10. open 52k lines: first diagnostics report after', ms(first.firstReport), '≤ 100 ms');
  line('10. … that report holds the visible document\'s findings', first.visibleCovered ? 'yes' : 'NO');
  line('10. open 52k lines: whole-file diagnostics after', ms(first.whole));
}

async function hugeFigures(): Promise<void> {
  const huge = await hugeFile();
  line(`8. ${huge.sizeMb.toFixed(0)} MB (${huge.lines} lines): placement request after a keystroke (p95)`, ms(huge.placementP95));
  line(`8. ${huge.sizeMb.toFixed(0)} MB: server CPU per placement request after a keystroke (mean)`, ms(huge.placementCpu));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  line(`8. ${huge.sizeMb.toFixed(0)} MB: placement answer, first (full)`, kb(huge.answerBytes.first));
  line(`8. ${huge.sizeMb.toFixed(0)} MB: placement answer after a keystroke`, kb(huge.answerBytes.keystroke));
  line(`8. ${huge.sizeMb.toFixed(0)} MB: placement answer after a line break (later documents move)`, kb(huge.answerBytes.lineBreak));
  line(`8. ${huge.sizeMb.toFixed(0)} MB: keystroke → completion (p95)`, ms(huge.completionP95));
  line(`10. ${huge.sizeMb.toFixed(0)} MB: whole-file diagnostics after opening`, ms(huge.whole));
  line(`9. peak server memory, ${huge.sizeMb.toFixed(0)} MB (VmHWM)`, mb(huge.peakMb), '≤ 500 MB');
}

if (require.main === module) {
  const named = process.argv.slice(2);
  const unknown = named.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) {
    console.error(`unknown part ${unknown.join(', ')}: the parts are ${PARTS.join(', ')}`);
    process.exit(2);
  }
  void runScaleBench(named.length ? named : PARTS);
}
