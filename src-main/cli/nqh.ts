/**
 * `nqh`, the command-line entry: `serve` (headless mode), `kill` (the kill switch over HTTP),
 * `bench`. Later issues add import, bars, features, train, backtest.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './data-dir';
import { serve } from './serve';
import { runBench } from './bench';
import { barsCommand, dataInfoCommand, importCommand, UsageError } from './market-commands';
import { featuresCommand, labelsCommand, levelsCommand } from './feature-commands';
import { predictCommand, trainCommand } from './model-commands';

const HELP = `nqh — NQ Hybrid Workstation command line

Usage: nqh <command> [options]

Commands:
  serve     Run headless mode: the engine plus the UI over HTTP/WebSocket
              --host HOST      bind address (default 127.0.0.1; any other host needs the printed token)
              --port N         port (default 5173, or a free port when 5173 is busy; 0 picks a free port)
              --seed N         synthetic market seed (default from settings: 42)
              --speed X        simulated minutes per real minute (default from settings: 1)
              --start ISO      market clock start (default: now)
              --data-dir DIR   data directory (default ${defaultDataDir()})
  kill      Activate the kill switch of a running server
              --url URL        server URL (default http://127.0.0.1:5173/), with ?token= when required
  import <files…>  Import vendor CSV files into the market store
              --format F       firstrate | ninjatrader | tradingview | tradestation | databento | generic (default: detected)
              --tz ZONE        IANA zone of the file's timestamps (default: vendor's, or inferred from the session calendar)
              --date-order O   mdy | dmy, only where the file cannot tell
              --map K=COL,…    column mapping for --format generic (time, date, open, high, low, close, volume, symbol)
              --symbol S       NQ | MNQ (default NQ)
              --db PATH        market database (default <data-dir>/market.sqlite)
              --json           print the summary as JSON
  bars      Print bars from the store
              --tf TF          1m | 5m | 15m | 30m | 1h | 1d (default 1m)
              --from, --to     ISO date or date-time (UTC unless an offset is given)
              --adjusted       back-adjusted across rolls (difference method)
              --format F       csv (default; time in New York, ISO 8601) | json
  data info Summarise the market store (series, imports, quarantine, rolls)
  levels    Price levels at each bar: VWAPs, volume-profile and TPO levels, initial balance
              --tf TF          1m | 5m | 15m | 30m | 1h (default 5m); --from, --to, --out FILE, --format csv|json
  features  The model's feature set at each 5-minute decision bar (--tf 5m; --from, --to, --out FILE,
            --threads 1 for one thread; default 2: a level worker beside it, same numbers)
  labels    Labels (long/short/none) and quantile targets at each 5-minute bar (--tf 5m; --from, --to, --out)
  train tft Walk-forward training of the pattern model over the stored 1-minute bars
              --from, --to, --config FILE, --epochs N, --train-days N, --val-days N, --test-days N
              (fold sizes in trade dates), --max-folds N, --out DIR, --json,
              --synthetic DAYS [--seed N] (the seeded synthetic market instead of the store)
  predict   A saved model's predictions as CSV: --model DIR [--from] [--to] [--out FILE]
  bench     Run the benchmarks and print JSON
  help      Show this help
`;

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const wantsHelp = (a: string): boolean => a === '--help' || a === '-h';
  // `nqh <command> --help` too: one help text lists every command's flags.
  if (command === undefined || command === 'help' || wantsHelp(command) || rest.some(wantsHelp)) {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === 'serve') {
    const { values } = parseArgs({
      args: rest,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string' },
        seed: { type: 'string' },
        speed: { type: 'string' },
        start: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
    const start = values.start === undefined ? undefined : Date.parse(values.start);
    if (start !== undefined && !Number.isFinite(start))
      throw new UsageError(`--start must be an ISO date, got "${values.start}"`);
    const port = num(values.port, 'port') ?? 5173;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError('--port must be a whole number from 0 to 65535');
    }
    const speed = num(values.speed, 'speed');
    if (speed !== undefined && !(speed >= 1 && speed <= 3600))
      throw new UsageError('--speed must be between 1 and 3600');
    await serve({
      host: values.host ?? '127.0.0.1',
      port,
      portExplicit: values.port !== undefined,
      dataDir: values['data-dir'] ?? defaultDataDir(),
      seed: num(values.seed, 'seed'),
      speed,
      start,
      rendererDir: join(__dirname, '..', 'renderer'),
    });
    return -1; // keeps running
  }
  if (command === 'kill') {
    const { values } = parseArgs({
      args: rest,
      options: { url: { type: 'string', default: 'http://127.0.0.1:5173/' } },
    });
    const base = new URL(values.url ?? 'http://127.0.0.1:5173/');
    const target = new URL('/api/kill-switch', base);
    const token = base.searchParams.get('token');
    if (token) target.searchParams.set('token', token);
    const res = await fetch(target, { method: 'POST' });
    const body = await res.text();
    if (!res.ok) throw new Error(`kill switch call failed: HTTP ${res.status} ${body}`);
    console.log(body);
    return 0;
  }
  if (command === 'import') return importCommand(rest);
  if (command === 'bars') return barsCommand(rest);
  if (command === 'data' && rest[0] === 'info') return dataInfoCommand(rest.slice(1));
  if (command === 'levels') return levelsCommand(rest);
  if (command === 'features') return featuresCommand(rest);
  if (command === 'labels') return labelsCommand(rest);
  if (command === 'train') return trainCommand(rest);
  if (command === 'predict') return predictCommand(rest);
  if (command === 'bench') {
    console.log(JSON.stringify(await runBench(), null, 2));
    return 0;
  }
  throw new UsageError(`unknown command "${command}" (see nqh --help)`);
}

/** Errors that are the user's to fix: their message is enough, a stack would be noise. */
const USER_ERRORS = [
  'UsageError',
  'TypeError',
  'ModelLoadError',
  'NoDataError',
  'NormalizationError',
];

// `nqh bars | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(
      `nqh: ${USER_ERRORS.includes(err.name) ? err.message : (err.stack ?? err.message)}`,
    );
    process.exitCode = 2;
  },
);
