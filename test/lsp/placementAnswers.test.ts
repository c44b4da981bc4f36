import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PlacementRequests } from '../../server/src/placementWire/placementRequests';
import type { PlacementAnswer, PlacementParams } from '../../server/src/protocol';
import { PlacementRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient } from './lspClient';

const root = resolve(__dirname, '../..');
const EXAMPLES = ['fluentd.yaml', 'fluentd-taint.yaml', 'fluentd-nodeselector.yaml', 'fluentd-affinity.yaml'].map((f) => readFileSync(resolve(root, 'examples', f), 'utf8'));
const documentText = (i: number) => EXAMPLES[i % EXAMPLES.length].replace(/name: fluentd[\w-]*/g, `name: agent-${i}`);
const fileOf = (ids: readonly number[], prefix = '') => prefix + ids.map(documentText).join('---\n');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('LSP placement answers after edits', () => {
  let client: TestClient;
  /** A server that never saw the document: the reference answer for a text. */
  let fresh: TestClient;
  before(async () => {
    [client, fresh] = await Promise.all([startTestClient(), startTestClient()]);
  });
  after(async () => {
    await Promise.all([client.stop(), fresh.stop()]);
  });

  /** The client's requests over the real server, with every answer's JSON kept. */
  function viewOf(uri: string) {
    const sent: string[] = [];
    const requests = new PlacementRequests(async (params: PlacementParams) => {
      const answer: PlacementAnswer = await client.connection.sendRequest(PlacementRequestMethod, params);
      sent.push(JSON.stringify(answer));
      return answer;
    });
    return { sent, place: () => requests.request(uri), last: () => JSON.parse(sent.at(-1)!) as PlacementAnswer };
  }
  const rowsSent = (answer: PlacementAnswer) => (answer.kind === 'ok' ? answer.daemonSets.filter((d) => !Array.isArray(d)).length : -1);
  let freshCount = 0;
  const freshResult = (text: string) => {
    const uri = `file:///fresh-${++freshCount}.yaml`;
    fresh.open(uri, text);
    return requestPlacement(fresh.connection, { uri });
  };

  it('sends one DaemonSet in full after editing one document of 60', async () => {
    const uri = 'file:///many.yaml';
    const ids = range(60);
    client.open(uri, fileOf(ids));
    const view = viewOf(uri);
    const first = await view.place();
    assert.ok(first.kind === 'ok' && first.daemonSets.length === 60);
    assert.equal(rowsSent(view.last()), 60);
    client.change(uri, fileOf(ids).replace('name: agent-33\n', 'name: agent-33b\n'), 2);
    const edited = await view.place();
    assert.equal(rowsSent(view.last()), 1);
    assert.ok(view.sent[1].length * 10 < view.sent[0].length, `after the keystroke ${view.sent[1].length} bytes, first ${view.sent[0].length}`);
    assert.deepEqual(edited, await freshResult(fileOf(ids).replace('name: agent-33\n', 'name: agent-33b\n')));
  });

  it('equals a fresh server\'s full answer after inserting, deleting, editing and moving documents', async () => {
    const uri = 'file:///edited.yaml';
    let ids = range(12);
    let version = 1;
    client.open(uri, fileOf(ids));
    const view = viewOf(uri);
    await view.place();
    const steps: Array<[string, () => string]> = [
      ['a document inserted', () => fileOf((ids = [...ids.slice(0, 5), 40, ...ids.slice(5)]))],
      ['a document deleted', () => fileOf((ids = ids.filter((i) => i !== 2)))],
      ['a document edited', () => fileOf(ids).replace('name: agent-7\n', 'name: agent-7-edited\n')],
      ['newlines added above', () => `\n\n${fileOf(ids).replace('name: agent-7\n', 'name: agent-7-edited\n')}`],
      ['documents swapped', () => `\n\n${fileOf((ids = [ids[3], ...ids.slice(1, 3), ids[0], ...ids.slice(4)])).replace('name: agent-7\n', 'name: agent-7-edited\n')}`],
    ];
    for (const [what, text] of steps) {
      const next = text();
      client.change(uri, next, ++version);
      const result = await view.place();
      assert.deepEqual(result, await freshResult(next), what);
      assert.ok(rowsSent(view.last()) < ids.length, `${what}: ${rowsSent(view.last())} of ${ids.length} DaemonSets sent in full`);
    }
  });
});
