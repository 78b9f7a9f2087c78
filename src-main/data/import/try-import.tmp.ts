import { MarketStore } from '../store/market-store';
import { importFile } from './importer';
import { rmSync } from 'node:fs';
rmSync('/tmp/nqh-imp/m.sqlite', { force: true });
const store = new MarketStore('/tmp/nqh-imp/m.sqlite');
for (const f of process.argv.slice(2)) {
  try {
    const s = importFile(store, f);
    console.log(
      JSON.stringify({
        ...s,
        zoneScores: s.zoneScores.map((z) => `${z.zone}:${(z.outside * 100).toFixed(2)}`),
      }),
    );
  } catch (e) {
    console.log('ERR', (e as Error).name, (e as Error).message);
  }
}
console.log(JSON.stringify(store.rolls('NQ')));
console.log(JSON.stringify(store.series()));
