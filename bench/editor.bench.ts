/** Completion, hover and diagnostics on the 200-document file, as the server runs them. */
import { loadApiModel } from '../server/src/languageService/apiModel';
import { complete } from '../server/src/languageService/completion';
import { validateFile } from '../server/src/languageService/diagnostics';
import { hover } from '../server/src/languageService/hover';
import { parseYamlFile } from '../server/src/languageService/yamlModel';
import { FindingsCache } from '../server/src/findingsCache';
import { fmt, line, sample, time } from './stats';

export function runEditorBench(text: string, bareMedian: number): void {
  const model = loadApiModel();
  const file = parseYamlFile(text);
  // cursor positions spread over the file: after `image:` keys (values), on keys (hover), on empty spots
  const keyOffsets: number[] = [];
  for (let i = text.indexOf('imagePullPolicy'); i >= 0 && keyOffsets.length < 400; i = text.indexOf('imagePullPolicy', i + 1)) keyOffsets.push(i + 3);
  const valueOffsets = keyOffsets.map((o) => text.indexOf('\n', o));
  console.log('editor features on the same file (model already built)');
  for (let i = 0; i < 50; i++) complete(file, valueOffsets[i % valueOffsets.length], model); // warm-up
  const completion = sample(400, (i) => complete(file, valueOffsets[i % valueOffsets.length], model));
  line('completion (p95)', fmt(completion.p95), '≤ 10 ms');
  const hovers = sample(400, (i) => hover(file, keyOffsets[i % keyOffsets.length], model));
  line('hover (p95)', fmt(hovers.p95), '≤ 10 ms');

  // diagnostics: first full run vs the bare parse; then one edit in one document
  const first = sample(10, () => validateFile(parseYamlFile(text), model));
  line('parse + diagnostics for the whole file (median)', fmt(first.median), '≤ 2× bare parse');
  line('ratio to bare parseAllDocuments', `${(first.median / bareMedian).toFixed(2)}×`);
  const cache = new FindingsCache();
  let current = parseYamlFile(text);
  cache.findings(current, model, {}, '');
  const edits = [text.replace('agent-100\n', 'agent-10x\n'), text];
  const edit = (i: number) => {
    current = parseYamlFile(edits[i % 2], current);
    cache.findings(current, model, {}, '');
  };
  // warm-up, as for completion: the first edits compile the incremental path (a steady-state figure, not JIT start-up)
  for (let i = 0; i < 20; i++) edit(i);
  const afterEdit = sample(200, edit);
  line('fresh diagnostics after a one-character edit (median)', fmt(afterEdit.median));
  line('fresh diagnostics after a one-character edit (p95)', fmt(afterEdit.p95), '≤ 5 ms');
  const { ms } = time(() => cache.findings(current, model, {}, ''));
  line('diagnostics of an unchanged file (cached)', fmt(ms));
}
