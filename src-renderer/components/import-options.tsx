/** The import options: format, time zone, date order and symbol ("auto" lets main decide). */
import { IMPORT_FORMATS } from '@shared/contracts/ipc';
import { useData, type ImportChoices, type ImportFormat } from '../state/data-store';
import { TimeZoneInput } from './time-zone-input';

/** Labels for the vendor formats main recognises. */
export const FORMAT_LABEL: Readonly<Record<ImportFormat, string>> = {
  firstrate: 'FirstRate Data',
  ninjatrader: 'NinjaTrader',
  tradingview: 'TradingView',
  tradestation: 'TradeStation',
  databento: 'Databento',
  generic: 'Generic CSV',
};

/** Labels for the date orders. */
export const DATE_ORDER_LABEL = {
  auto: 'auto (detect)',
  mdy: 'month first (mdy)',
  dmy: 'day first (dmy)',
} as const;

export function ImportOptions({ disabled }: { readonly disabled: boolean }) {
  const choices = useData((s) => s.choices);
  const setChoices = useData((s) => s.setChoices);
  return (
    <fieldset className="options" disabled={disabled}>
      <legend className="label">Options</legend>
      <label className="field">
        <span className="label">Format</span>
        <select
          value={choices.format}
          onChange={(e) => setChoices({ format: e.target.value as ImportChoices['format'] })}
        >
          <option value="auto">auto (detect)</option>
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABEL[f]}
            </option>
          ))}
        </select>
      </label>
      <TimeZoneInput label="Time zone" value={choices.tz} onChange={(tz) => setChoices({ tz })} />
      <label className="field">
        <span className="label">Date order</span>
        <select
          value={choices.dateOrder}
          onChange={(e) => setChoices({ dateOrder: e.target.value as ImportChoices['dateOrder'] })}
        >
          {(['auto', 'mdy', 'dmy'] as const).map((o) => (
            <option key={o} value={o}>
              {DATE_ORDER_LABEL[o]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">Symbol</span>
        <select
          value={choices.symbol}
          onChange={(e) => setChoices({ symbol: e.target.value as ImportChoices['symbol'] })}
        >
          <option value="NQ">NQ</option>
          <option value="MNQ">MNQ</option>
        </select>
      </label>
    </fieldset>
  );
}
