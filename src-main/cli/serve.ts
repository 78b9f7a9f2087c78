/** `nqh serve` (= `npm run headless`): the workstation with the headless server. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHeadlessServer } from '../server/headless-server';
import { JsonFileSettingsBackend } from '../settings/settings-store';
import { createWorkstation } from '../workstation';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  /** When the port was not chosen explicitly, a busy default falls back to a free port. */
  readonly portExplicit: boolean;
  readonly dataDir: string;
  readonly seed: number | undefined;
  readonly speed: number | undefined;
  readonly start: number | undefined;
  readonly rendererDir: string;
}

/** Starts everything, prints the URL, and stops cleanly on SIGINT/SIGTERM. */
export async function serve(opts: ServeOptions): Promise<void> {
  mkdirSync(opts.dataDir, { recursive: true });
  const ws = createWorkstation({
    dataDir: opts.dataDir,
    mode: 'headless',
    settingsBackend: new JsonFileSettingsBackend(join(opts.dataDir, 'settings.json')),
    seed: opts.seed,
    speed: opts.speed,
    start: opts.start,
  });
  await ws.start();
  const start = (port: number) =>
    startHeadlessServer(ws, { host: opts.host, port, rendererDir: opts.rendererDir });
  const server = await start(opts.port).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE' || opts.portExplicit) throw e;
    console.log(`port ${opts.port} is in use; using a free port instead`);
    return start(0);
  });
  const clock = ws.marketClock;
  console.log(`NQ Hybrid Workstation (headless) — data dir ${opts.dataDir}`);
  console.log(
    `market: synthetic NQ, ${clock.simulated ? `simulated clock ×${clock.speed}` : 'real time'}`,
  );
  if (server.token) console.log('a token is required on this host; it is part of the URL below');
  console.log(`open ${server.url}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    void server
      .close()
      .then(() => ws.dispose())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
