// Runs the named npm scripts side by side, as many at once as the machine has cores, and fails if any fails.
// The static checks (tsc twice, ESLint, Prettier) each keep one core busy, so on the 2-core test machine two of
// them run at once instead of one after another. Each script's output is held back and printed whole when it ends,
// so the logs of two checks never interleave.
//   node scripts/parallel.mjs lint format:check typecheck:app typecheck:engine typecheck:device
// Scripts start in the order given: put the longest first.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const names = process.argv.slice(2);
const slots = Math.max(1, Math.min(availableParallelism(), names.length));

function runScript(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', name], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(chunks).toString();
      process.stdout.write(
        `\n> ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n`,
      );
      if (text.trim() !== '') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(code === 0);
    });
  });
}

let next = 0;
let failed = 0;
async function lane() {
  while (next < names.length) {
    const name = names[next++];
    if (!(await runScript(name))) failed++;
  }
}
await Promise.all(Array.from({ length: slots }, lane));
if (failed > 0) {
  console.error(`\n${failed} of ${names.length} checks failed`);
  process.exit(1);
}
