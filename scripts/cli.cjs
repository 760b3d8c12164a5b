'use strict';
/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher that must run without a TypeScript loader */
/**
 * The command line from a built bundle: `node scripts/cli.cjs build` bundles electron/cli into
 * out/cli (esbuild, CommonJS, npm packages left outside); `node scripts/cli.cjs whatif|report ...`
 * runs that bundle, building it first when it is missing or older than its sources. Starting
 * through a TypeScript loader cost about 0.9 s before any work; the bundle starts in a fraction of
 * it (`npm run bench`). Plain JavaScript on purpose: this file must not need a loader itself.
 */
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'out', 'cli');
const COMMANDS = ['whatif', 'report', 'smtp-check'];
/** The folders the command line is built from. */
const SOURCES = ['electron', 'shared', 'package.json'];

function newestMtime(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * Packages the command line needs only for some commands (the database drivers and the demo's,
 * Chromium's driver, the SMTP client, the readers of imported files): each is loaded on first use instead of at start, where they cost about 0.9 s
 * together before any work. Their keys are read here, at build time, so the bundle's import helpers
 * see them without loading the package; a class or function export is called or constructed through.
 */
const LOAD_ON_USE = [
  'mssql',
  'oracledb',
  'playwright-core',
  'sql.js',
  'nodemailer/lib/smtp-connection',
  'nodemailer/lib/mail-composer',
  'nodemailer/lib/xoauth2',
  'saxes',
  'yauzl',
  'csv-parse/sync',
];

function lazyModule(name) {
  const real = require(name);
  const keys = Object.keys(real).filter((key) => key !== '__esModule');
  const id = JSON.stringify(name);
  return [
    'let loaded;',
    `const load = () => (loaded ??= require(${id}));`,
    typeof real === 'function'
      ? 'module.exports = function (...args) { return new.target ? Reflect.construct(load(), args) : load().apply(this, args); };'
      : '',
    `for (const key of ${JSON.stringify(keys)}) Object.defineProperty(module.exports, key, { enumerable: true, get: () => load()[key] });`,
  ].join('\n');
}

const loadOnUse = {
  name: 'load-on-use',
  setup(build) {
    const filter = new RegExp(`^(${LOAD_ON_USE.map((name) => name.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    // Inside the stand-in the package is required for real (external); everywhere else it is the stand-in.
    build.onResolve({ filter }, (args) =>
      args.namespace === 'load-on-use' ? { path: args.path, external: true } : { path: args.path, namespace: 'load-on-use' },
    );
    build.onLoad({ filter: /.*/, namespace: 'load-on-use' }, (args) => ({ loader: 'js', contents: lazyModule(args.path) }));
  },
};

function build() {
  return require('esbuild').build({
    plugins: [loadOnUse],
    entryPoints: COMMANDS.map((name) => path.join(root, 'electron', 'cli', `${name}.ts`)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // npm packages stay in node_modules (native drivers, playwright-core, fonts read from their folder).
    packages: 'external',
    logLevel: 'warning',
  });
}

function isStale(bundle) {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

const [command, ...args] = process.argv.slice(2);
function fail(error) {
  process.stderr.write(`The command line could not be built: ${error.message}\n`);
  process.exitCode = 1;
}

if (command === 'build') {
  build().catch(fail);
} else if (COMMANDS.includes(command)) {
  const bundle = path.join(outDir, `${command}.js`);
  const run = () => {
    // The command reads its own arguments from process.argv.slice(2).
    process.argv = [process.argv[0], bundle, ...args];
    require(bundle);
  };
  if (isStale(bundle)) build().then(run, fail);
  else run();
} else {
  process.stderr.write(`Usage: node scripts/cli.cjs build | ${COMMANDS.join(' | ')} [arguments]\n`);
  process.exitCode = 2;
}
