// `npm test`: unit tests, then end-to-end tests in Chromium against headless mode (skipped,
// and counted as skipped, where Chromium is not installed). Ends with one summary line
// `N passed, N failed[, N skipped]`, also written to test-results/summary.txt.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

function run(name, config) {
  const out = join(results, `${name}.json`);
  const r = spawnSync(
    process.execPath,
    [
      vitest,
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, code: r.status ?? 1 };
  const j = JSON.parse(readFileSync(out, 'utf8'));
  return {
    passed: j.numPassedTests,
    failed:
      j.numFailedTests +
      (j.numRuntimeErrors ?? 0) +
      (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0),
    skipped: j.numPendingTests + j.numTodoTests,
    code: r.status ?? 1,
  };
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
const unit = run('unit', 'vitest.config.ts');
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.log(
    'e2e: Chromium not found at /usr/bin/chromium (apt-get install chromium); e2e tests are skipped',
  );
}
const e2e =
  build.status === 0
    ? run('e2e', 'vitest.e2e.config.ts')
    : { passed: 0, failed: 1, skipped: 0, code: 1 };
const total = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed,
  skipped: unit.skipped + e2e.skipped,
};
const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
writeFileSync(join(results, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(total.failed > 0 || unit.code !== 0 || e2e.code !== 0 ? 1 : 0);
