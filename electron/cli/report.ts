import { runReportCli } from './report-run';

runReportCli(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The report could not be exported: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
