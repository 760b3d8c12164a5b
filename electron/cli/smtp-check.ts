import { promises as fs } from 'node:fs';
import { runSmtpCheck } from '../services/smtp-check/run';
import { promptHidden } from './smtp-check-prompt';
import { runSmtpCheckCli } from './smtp-check-run';

/**
 * `npm run -s smtp-check -- --host HOST --port 587 [--user USER] [--tls starttls|implicit|none] [--json]`:
 * the live SMTP check from where the platform sends (a front-end server), for an engineer or a
 * customer. Ctrl+C closes the connection and exits with 130.
 */
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('Cancelled')));
runSmtpCheckCli(process.argv.slice(2), {
  run: runSmtpCheck,
  env: process.env,
  promptHidden: (q) => promptHidden(q),
  readFile: (file) => fs.readFile(file, 'utf8'),
  signal: controller.signal,
  progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
})
  .then(({ stdout, stderr, exitCode }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = exitCode;
  })
  .catch((error: unknown) => {
    process.stderr.write(`smtp-check failed: ${(error as Error).message}\n`);
    process.exitCode = 8;
  });
