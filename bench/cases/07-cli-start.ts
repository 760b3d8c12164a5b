import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../test/support/host';
import { median, type BenchCase } from '../harness';

const RUNS = 7;

/** Wall time of one run of `node <args>` from the project folder, in ms. */
function timed(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (run.error) throw run.error;
  return performance.now() - started;
}

/**
 * The command line started from its bundle (`npm run whatif|report` run it; `npm run build:cli`
 * builds it): `report --help` and `whatif --help` do no work, so their time is what starting costs.
 * The same through the TypeScript loader, which the commands used before, for comparison.
 */
const bench: BenchCase = {
  name: 'command line start',
  async run() {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'cli.cjs'), 'build'], { cwd: PROJECT_ROOT });
    const bundle = (name: string) => path.join(PROJECT_ROOT, 'out', 'cli', `${name}.js`);
    const node = Array.from({ length: RUNS }, () => timed(['-e', '']));
    const report = Array.from({ length: RUNS }, () => timed([bundle('report'), '--help']));
    const whatif = Array.from({ length: RUNS }, () => timed([bundle('whatif'), '--help']));
    const tsx = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const loader = Array.from({ length: 3 }, () => timed([tsx, path.join(PROJECT_ROOT, 'electron', 'cli', 'report.ts'), '--help']));
    return [
      { name: 'report --help from the bundle (median)', value: median(report), unit: 'ms', note: `${RUNS} runs`, budget: 300 },
      { name: 'whatif --help from the bundle (median)', value: median(whatif), unit: 'ms', note: `${RUNS} runs`, budget: 300 },
      { name: 'node alone, for scale (median)', value: median(node), unit: 'ms', note: `${RUNS} runs` },
      { name: 'report --help through the TypeScript loader (median)', value: median(loader), unit: 'ms', note: '3 runs, as before the bundle' },
    ];
  },
};
export default bench;
