#!/usr/bin/env node
// The `nqh` command: runs the built CLI bundle (built by `npm install` via `prepare`, or `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'nqh.cjs');
if (!existsSync(bundle)) {
  console.error('nqh: the CLI is not built yet; run `npm run build` in ' + join(__dirname, '..'));
  process.exit(2);
}
require(bundle);
