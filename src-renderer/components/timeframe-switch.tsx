/** Timeframe buttons for the chart; the choice is remembered in settings. */
import type { Timeframe } from '@shared/domain/bar';
import { useWorkstation } from '../state/store';
import type { Api } from '../ipc/api';

const CHOICES: readonly Timeframe[] = ['1m', '5m', '15m', '1h'];

export function TimeframeSwitch({ api }: { readonly api: Api }) {
  const timeframe = useWorkstation((s) => s.timeframe);
  const setTimeframe = useWorkstation((s) => s.setTimeframe);
  const setError = useWorkstation((s) => s.setError);
  const choose = (tf: Timeframe): void => {
    setTimeframe(tf);
    api
      .updateSettings({ ui: { timeframe: tf } })
      .catch((e: unknown) => setError(`settings: ${(e as Error).message}`));
  };
  return (
    <div className="timeframes" role="group" aria-label="Timeframe">
      {CHOICES.map((tf) => (
        <button key={tf} type="button" aria-pressed={tf === timeframe} onClick={() => choose(tf)}>
          {tf}
        </button>
      ))}
    </div>
  );
}
