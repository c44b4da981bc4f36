/** `npm run bench`: prints the figures the issues budget. Run after `npm run build`. */
import { runParseBench } from './parse.bench';

async function main(): Promise<void> {
  runParseBench();
  await Promise.resolve();
}

void main();
