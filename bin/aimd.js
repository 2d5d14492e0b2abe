#!/usr/bin/env node
// Entry point of the `aimd` CLI. The TypeScript sources are compiled to dist/ by `npm ci` (prepare).
'use strict';
let cli;
try {
  cli = require('../dist/lib/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/lib/cli/main')) {
    process.stderr.write('aimd is not built yet: run `npm run build` (npm ci does it for you).\n');
    process.exit(70);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
