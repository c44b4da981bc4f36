/** `npm run bench`: prints the figures the issues budget (run after `npm run build`). */
import { runEditorBench } from './editor.bench';
import { runHugeQuantityBench } from './hugeQuantity.bench';
import { runKustomizeBench } from './kustomize.bench';
import { runHelmBench } from './helm.bench';
import { runHelmRenderBench } from './helmRender.bench';
import { runParseBench } from './parse.bench';
import { runPlacementBench } from './placement.bench';
import { runProfileScaleBench } from './profileScale.bench';
import { runScaleBench } from './scale.bench';
import { runServerBench } from './server.bench';
import { runSideBySideBench } from './sideBySide.bench';

async function main(): Promise<void> {
  const { text, bareMedian } = runParseBench();
  console.log('');
  runEditorBench(text, bareMedian);
  console.log('');
  runPlacementBench();
  console.log('');
  runProfileScaleBench();
  console.log('');
  runHugeQuantityBench();
  runKustomizeBench();
  runHelmBench();
  runHelmRenderBench();
  console.log('');
  await runServerBench(text);
  console.log('');
  await runSideBySideBench(text);
  console.log('');
  await runScaleBench();
}

void main();
