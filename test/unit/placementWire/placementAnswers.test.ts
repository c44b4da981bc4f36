import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import type { YamlFile } from '../../../server/src/languageService/yamlModel';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { PlacementService } from '../../../server/src/placementService';
import { expandPlacementAnswer } from '../../../server/src/placementWire/expandPlacement';
import { PlacementAnswers } from '../../../server/src/placementWire/placementAnswers';
import { PlacementRequests } from '../../../server/src/placementWire/placementRequests';
import type { PlacementAnswer, PlacementParams, PlacementResult } from '../../../server/src/protocol';

const root = resolve(__dirname, '../../..');
const guide = resolve(root, 'examples/profiles/guide.profile.yaml');
const EXAMPLES = ['fluentd.yaml', 'fluentd-taint.yaml', 'fluentd-nodeselector.yaml', 'fluentd-affinity.yaml'].map((f) => readFileSync(resolve(root, 'examples', f), 'utf8'));

/** Document i: one of the examples under its own name (every document differs from the others). */
function documentText(i: number): string {
  return EXAMPLES[i % EXAMPLES.length].replace(/name: fluentd[\w-]*/g, `name: agent-${i}`);
}

const fileOf = (ids: readonly number[], prefix = '') => prefix + ids.map(documentText).join('---\n');

/** What the server of old sent for the text: the expanded result, as it came off the wire. */
function freshResult(text: string, profilePath = guide): PlacementResult {
  return JSON.parse(JSON.stringify(new PlacementService().place(parseYamlFile(text), profilePath))) as PlacementResult;
}

const rowsSent = (answer: PlacementAnswer) => (answer.kind === 'ok' ? answer.daemonSets.filter((d) => !Array.isArray(d)).length : 0);

/** An open document on a server, asked by the client's PlacementRequests over a JSON wire. */
class Session {
  service = new PlacementService();
  answers = new PlacementAnswers((d) => this.service.originOf(d));
  file: YamlFile;
  answersSent: PlacementAnswer[] = [];
  readonly requests = new PlacementRequests((params: PlacementParams) => Promise.resolve(this.serve(params)));

  constructor(text: string, readonly profilePath = guide) {
    this.file = parseYamlFile(text);
  }

  serve(params: PlacementParams): PlacementAnswer {
    const answer = JSON.parse(JSON.stringify(this.answers.answer(params, this.service.place(this.file, params.profilePath)))) as PlacementAnswer;
    this.answersSent.push(answer);
    return answer;
  }

  edit(text: string): void {
    this.file = parseYamlFile(text, this.file);
  }

  /** The client's view after asking, and the answer that made it. */
  async place(): Promise<{ result: PlacementResult; answer: PlacementAnswer }> {
    const result = await this.requests.request('file:///a.yaml', this.profilePath);
    return { result, answer: this.answersSent.at(-1)! };
  }

  /** Asks and checks the view against a fresh server's answer on the same text. */
  async placeChecked(what: string): Promise<PlacementAnswer> {
    const { result, answer } = await this.place();
    assert.deepEqual(result, freshResult(this.file.text, this.profilePath), what);
    return answer;
  }
}

describe('compact placement answers', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('expands a full answer to exactly what the expanded answer was (keys, pools, scores, notes, shared reason lists)', async () => {
    const session = new Session(fileOf([0, 1, 2, 3]));
    const answer = await session.placeChecked('first answer');
    assert.ok(answer.kind === 'ok' && answer.nodeTable && !answer.base);
    assert.equal(rowsSent(answer), 4);
    // the node table travels once, not per DaemonSet, and each row is one character per node
    assert.equal(answer.nodeTable.names.length, 9);
    const rows = answer.daemonSets[0];
    assert.ok(!Array.isArray(rows) && rows.status.length === 9);
    const { result } = await session.place();
    assert.equal(JSON.stringify(result), JSON.stringify(freshResult(session.file.text)), 'the same keys in the same order (Copy as JSON prints them)');
  });

  it('sends only the edited DaemonSet after a keystroke, the rest as one reference', async () => {
    const ids = [0, 1, 2, 3, 4, 5, 6, 7];
    const session = new Session(fileOf(ids));
    const before = (await session.place()).result;
    session.edit(fileOf(ids).replace('name: agent-5\n  namespace: logging', 'name: agent-5x\n  namespace: logging'));
    const answer = await session.placeChecked('after editing one document');
    const { result: after } = await session.place();
    assert.ok(before.kind === 'ok' && after.kind === 'ok');
    // the client keeps its objects for the DaemonSets that did not change (its work grows with the edit)
    assert.deepEqual(after.daemonSets.map((ds, i) => ds === before.daemonSets[i]), [true, true, true, true, true, false, true, true]);
    assert.ok(answer.kind === 'ok' && answer.base);
    assert.equal(rowsSent(answer), 1);
    assert.equal(answer.nodeTable, undefined, 'the client holds the node table');
    assert.deepEqual(answer.daemonSets.filter((d) => Array.isArray(d)), [[0, 5, 0], [6, 2, 0]]);
    assert.ok(JSON.stringify(answer).length < 2500, `${JSON.stringify(answer).length} bytes`);
  });

  it('follows inserted, deleted, reordered and moved documents', async () => {
    let ids = [0, 1, 2, 3, 4, 5];
    const session = new Session(fileOf(ids));
    await session.placeChecked('first');
    const steps: Array<[string, () => string, number]> = [
      ['a document inserted', () => fileOf((ids = [0, 1, 9, 2, 3, 4, 5])), 1],
      ['a document deleted', () => fileOf((ids = [0, 1, 9, 3, 4, 5])), 0],
      ['two documents swapped', () => fileOf((ids = [0, 4, 9, 3, 1, 5])), 0],
      // (text above the first document belongs to it: it changes, the others move)
      ['lines added above every document', () => fileOf(ids, '# a comment\n\n\n'), 1],
      ['lines removed above', () => fileOf(ids, '\n'), 1],
      ['a document edited and another inserted', () => fileOf((ids = [0, 4, 9, 3, 1, 5, 10]), '\n').replace('name: agent-3\n', 'name: agent-3b\n'), 2],
      ['every document deleted', () => fileOf((ids = [])), 0],
      ['documents again', () => fileOf((ids = [2, 3])), 2],
    ];
    for (const [what, text, full] of steps) {
      session.edit(text());
      const answer = await session.placeChecked(what);
      assert.equal(rowsSent(answer), full, `${what}: DaemonSets sent in full`);
      if (what === 'lines added above every document') assert.ok(answer.kind === 'ok' && answer.daemonSets.some((d) => Array.isArray(d) && d[2] === 3), 'the others moved down 3 lines');
    }
  });

  it('answers in full, with a new node table, when the profile file changes on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dst-wire-'));
    dirs.push(dir);
    const profile = join(dir, 'cluster.profile.yaml');
    copyFileSync(guide, profile);
    const session = new Session(fileOf([0, 1, 2]), profile);
    const first = await session.placeChecked('first');
    writeFileSync(profile, readFileSync(guide, 'utf8').replace('- name: node2\n', '- name: node-two\n'));
    utimesSync(profile, new Date(), new Date(Date.now() + 5000));
    const answer = await session.placeChecked('after the profile changed');
    assert.ok(first.kind === 'ok' && answer.kind === 'ok');
    assert.equal(rowsSent(answer), 3);
    assert.equal(answer.base, undefined);
    assert.ok(answer.nodeTable && answer.nodeTable.id !== first.nodeTableId && answer.nodeTable.names.includes('node-two'));
  });

  it('answers in full when the server does not know the client\'s answer (a restarted server)', async () => {
    const session = new Session(fileOf([0, 1, 2]));
    await session.placeChecked('first');
    session.service = new PlacementService();
    session.answers = new PlacementAnswers((d) => session.service.originOf(d));
    session.edit(fileOf([0, 1, 2], '\n'));
    const answer = await session.placeChecked('after the restart');
    assert.ok(answer.kind === 'ok' && answer.nodeTable && !answer.base);
    assert.equal(rowsSent(answer), 3);
  });

  it('survives two requests that race: the overtaken base is asked again in full', async () => {
    const session = new Session(fileOf([0, 1, 2]));
    await session.placeChecked('first');
    // both requests name the same held answer; the server answers the first as a change, the second in full
    session.edit(fileOf([0, 1, 3]));
    const raced = await Promise.all([session.place(), session.place()]);
    for (const { result } of raced) assert.deepEqual(result, freshResult(session.file.text));
    const [a, b] = session.answersSent.slice(-2);
    assert.ok(a.kind === 'ok' && a.base && b.kind === 'ok' && !b.base);
    // answers applied out of order: the change to an answer the client no longer holds is refused, not misapplied
    const held = await session.place();
    assert.ok(held.answer.kind === 'ok' && held.result.kind === 'ok');
    const overtaken = session.serve({ uri: 'file:///b.yaml', profilePath: guide });
    assert.ok(overtaken.kind === 'ok');
    assert.equal(expandPlacementAnswer({ ...overtaken, base: 'elsewhere' }, undefined, undefined).kind, 'stale');
    // a change whose node table the client does not hold is refused too
    session.edit(fileOf([0, 1, 4]));
    const nodeTableId = session.answersSent.map((a) => (a.kind === 'ok' ? a.nodeTableId : undefined)).filter(Boolean).at(-1);
    const changed = session.serve({ uri: 'file:///a.yaml', profilePath: guide, previousResultId: held.answer.resultId, nodeTableId });
    assert.ok(changed.kind === 'ok' && changed.base && !changed.nodeTable && rowsSent(changed) === 1);
    assert.equal(expandPlacementAnswer(changed, { resultId: held.answer.resultId, result: held.result }, undefined).kind, 'stale');
  });

  it('passes errors through and answers in full after one', async () => {
    const session = new Session(fileOf([0, 1]), '/nonexistent/profile.yaml');
    const { result } = await session.place();
    assert.equal(result.kind, 'error');
    const ok = new Session(fileOf([0, 1]));
    await ok.placeChecked('first');
    ok.answers.answer({ uri: 'file:///a.yaml' }, { kind: 'error', message: 'x' });
    assert.equal(rowsSent(await ok.placeChecked('after an error')), 2);
  });
});
