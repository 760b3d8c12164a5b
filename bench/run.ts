/**
 * `npm run bench [-- name-filter]`: runs the cases in bench/cases, prints a table, and writes
 * bench/results/latest.json. Figures are for closing notes and trend-watching, never assertions.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchCase, BenchFigure } from './harness';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const dir = path.join(__dirname, 'cases');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const results: Record<string, BenchFigure[]> = {};
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as { default: BenchCase };
    const bench = mod.default;
    if (filter && !bench.name.includes(filter)) continue;
    console.log(`\n▶ ${bench.name}`);
    const figures = await bench.run();
    results[bench.name] = figures;
    for (const f of figures) {
      const budget = f.budget === undefined ? '' : `  [budget ${formatValue(f.budget)} ${f.unit}: ${f.value <= f.budget ? 'within' : 'OVER'}]`;
      console.log(`  ${f.name.padEnd(58)} ${formatValue(f.value).padStart(12)} ${f.unit}${budget}${f.note ? `  (${f.note})` : ''}`);
    }
  }
  const out = path.join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'latest.json'),
    JSON.stringify({ when: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, results }, null, 2),
  );
  const budgets = Object.values(results)
    .flat()
    .filter((f) => f.budget !== undefined);
  const over = budgets.filter((f) => f.value > f.budget!);
  if (budgets.length) {
    console.log(`\nBudgets: ${budgets.length - over.length} of ${budgets.length} within${over.length ? `; over: ${over.map((f) => f.name).join('; ')}` : ''}`);
  }
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(out, 'latest.json'))}`);
}

function formatValue(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: value < 10 ? 2 : 1 }).format(value);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
