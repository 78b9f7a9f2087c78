#!/usr/bin/env node
/**
 * Trains the demo pattern model shipped in models/demo: the default architecture on the
 * seeded synthetic market (the app's embedded default), one walk-forward fold, fixed seeds.
 * Reproducible: the same code and backend give the same weights. Labelled as what it is.
 *   npm run train:demo
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = [
  join(root, 'dist', 'cli', 'nqh.cjs'),
  'train',
  'tft',
  '--synthetic',
  '220',
  '--seed',
  '1',
  '--train-days',
  '100',
  '--val-days',
  '20',
  '--test-days',
  '30',
  '--max-folds',
  '1',
  '--epochs',
  '8',
  '--out',
  join(root, 'models', 'demo'),
  '--label',
  'demo — synthetic data, not for trading',
  '--json',
];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
