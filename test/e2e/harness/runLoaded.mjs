// `npm run test:e2e:loaded`: the whole extension-host suite (runE2e.mjs, both
// sessions) twice in a row while a busy loop per CPU core keeps the machine
// saturated, to show the specs wait for conditions and not for time. Not part
// of `npm test` (it takes a few times longer than one run). Stops the load
// processes it started, by their ids, whatever happens.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNS = Number(process.env.DST_E2E_LOADED_RUNS ?? 2);
const cores = availableParallelism();

// One busy loop per core, at normal priority: the suite competes for every CPU.
const loaders = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoad = () => {
  for (const loader of loaders) {
    if (loader.exitCode === null && loader.signalCode === null) loader.kill('SIGKILL');
  }
};
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopLoad();
    process.exit(130);
  });
}

function runSuite() {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'test/e2e/harness/runE2e.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

console.log(`[e2e:loaded] ${cores} busy loop(s) on ${cores} core(s) (pids ${loaders.map((l) => l.pid).join(', ')}); running the suite ${RUNS} times`);
const outcomes = [];
for (let run = 1; run <= RUNS; run++) {
  const started = Date.now();
  const code = await runSuite();
  outcomes.push({ run, code, seconds: Math.round((Date.now() - started) / 1000) });
  console.log(`[e2e:loaded] run ${run}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${outcomes.at(-1).seconds}s`);
}
stopLoad();
const failed = outcomes.filter((o) => o.code !== 0);
console.log(`[e2e:loaded] ${outcomes.length - failed.length} of ${outcomes.length} runs passed under load (${outcomes.map((o) => `${o.seconds}s`).join(', ')})`);
process.exitCode = failed.length ? 1 : 0;
