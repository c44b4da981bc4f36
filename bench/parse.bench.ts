/** First parse and model build of the 200-document file vs `yaml`'s parseAllDocuments alone. */
import { parseAllDocuments } from 'yaml';
import { parseYamlFile } from '../server/src/languageService/yamlModel';
import { bigDaemonSetFile } from './bigFile';
import { fmt, line, sample } from './stats';

export function runParseBench(): { text: string; bareMedian: number } {
  const text = bigDaemonSetFile(200);
  // warm up both paths so the JIT does not favour the second one measured
  for (let i = 0; i < 3; i++) {
    parseAllDocuments(text);
    parseYamlFile(text);
  }
  const bare = sample(15, () => parseAllDocuments(text));
  const ours = sample(15, () => parseYamlFile(text));
  console.log(`parse: 200 DaemonSet documents, ${text.split('\n').length} lines`);
  line('yaml parseAllDocuments (median)', fmt(bare.median));
  line('parseYamlFile, first parse (median)', fmt(ours.median), '≤ 2× bare');
  line('ratio', `${(ours.median / bare.median).toFixed(2)}×`);
  const base = parseYamlFile(text);
  const edited = text.replace('agent-100\n', 'agent-10x\n');
  const reparse = sample(200, (i) => parseYamlFile(i % 2 ? text : edited, base));
  line('re-parse after a one-character edit (p95)', fmt(reparse.p95));
  return { text, bareMedian: bare.median };
}
