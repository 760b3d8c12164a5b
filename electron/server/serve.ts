import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNoticeBoard } from '../services/context';
import { createServices } from '../services/create-services';
import { acquireDataDirLock, DataDirLockedError, releaseOnExit } from '../services/data-dir-lock';
import { createChromiumPdfPrinter } from '../services/reports/pdf-chromium';
import { parseServeArgs } from './args';
import { buildRendererIfNeeded } from './build-if-needed';
import { startHttpHost } from './http-host';
import { resolveSecretCipher } from './secret-setup';

const projectRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  // One app per data folder, taken before anything in it is read or written (even the key file).
  let lock;
  try {
    lock = await acquireDataDirLock(args.dataDir, 'browser');
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  releaseOnExit(lock);
  // Ctrl+C before the host is up just releases the folder; once it is up, the host stops cleanly.
  const control: { stop?: () => Promise<void> } = {};
  const onSignal = () => {
    if (control.stop) void control.stop();
    else {
      lock.release();
      process.exit(0);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const rendererDir = args.build ? await buildRendererIfNeeded(projectRoot, (l) => console.log(l)) : path.join(projectRoot, 'out', 'renderer');
  const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const secrets = await resolveSecretCipher(process.env, { dataDir: args.dataDir });
  const notices = createNoticeBoard();
  // Every notice, at start and later, is also said in this terminal.
  notices.subscribe((message) => process.stderr.write(`Notice: ${message}\n`));
  const services = await createServices({
    dataDir: args.dataDir,
    hostKind: 'browser',
    appVersion: version,
    notices,
    secretCipher: secrets.cipher,
    secretCipherUnavailableReason: secrets.reason,
    pdfPrinter: createChromiumPdfPrinter(),
  });
  const host = await startHttpHost({ services, rendererDir, port: args.port, notices });
  console.log(`Support Toolkit is running. Open this address in your browser (it carries this run's access token):`);
  console.log(`  ${host.appUrl}`);
  console.log(`Data folder: ${args.dataDir}`);
  console.log('Press Ctrl+C to stop.');

  let stopped: Promise<void> | undefined;
  control.stop = () =>
    (stopped ??= (async () => {
      await host.close();
      await services.close();
      lock.release();
      process.exit(0);
    })());
}

main().catch((error: unknown) => {
  process.stderr.write(`Support Toolkit could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
