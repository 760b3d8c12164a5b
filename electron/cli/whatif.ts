import { promises as fs } from 'node:fs';
import { runWhatIf } from './whatif-run';

/** `npm run -s whatif -- ...`: the connection budget and the recipients quota on the command line, offline. */
runWhatIf(process.argv.slice(2), (file) => fs.readFile(file, 'utf8'))
  .then(({ stdout, stderr, exitCode }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = exitCode;
  })
  .catch((error: unknown) => {
    process.stderr.write(`whatif failed: ${(error as Error).message}\n`);
    process.exitCode = 2;
  });
