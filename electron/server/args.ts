import { parseArgs } from 'node:util';
import path from 'node:path';
import { defaultDataDir } from '../services/data-dir';

export interface ServeArgs {
  port: number;
  dataDir: string;
  build: boolean;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--no-build]

  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  keep profiles, sessions and reports in DIR
                  (default: $SUPPORT_TOOLKIT_DATA or the platform's config folder)
  --no-build      serve the existing build in out/renderer without checking it`;

/** Parses the browser host's command line; throws an Error whose message names the bad option. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(SERVE_USAGE);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    }
  }
  return {
    port,
    dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(env),
    build: !values['no-build'],
  };
}
