/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry: the one place tsx's require hook is installed */
// The evidence worker from its TypeScript source, where no bundle is built beside the code (the
// browser host and the CLI run through tsx, so do tests and benches): tsx's require hook, then the worker.
require('tsx/cjs');
require('./worker.ts');
