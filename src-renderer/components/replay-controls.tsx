/**
 * Replay of stored 1-minute bars: start from a New York date-time at a chosen speed, pause,
 * resume, change speed, seek, go back to the synthetic market, or connect Interactive
 * Brokers. Main refuses a replay
 * with nothing imported; its message lands in the error toast.
 */
import type { Api } from '../ipc/api';
import {
  backToSynthetic,
  connectIb,
  controlReplay,
  seekReplay,
  startReplay,
} from '../state/data-actions';
import { useData } from '../state/data-store';
import { useWorkstation } from '../state/store';

const SPEEDS = [1, 10, 60, 300, 1800] as const;

export function ReplayControls({ api }: { readonly api: Api }) {
  const from = useData((s) => s.replayFrom);
  const speed = useData((s) => s.replaySpeed);
  const setReplay = useData((s) => s.setReplay);
  const feed = useWorkstation((s) => s.feed);
  const paused = useWorkstation((s) => s.clock?.paused === true);
  const replaying = feed?.source === 'replay';
  // Also offered when no feed runs: a replay that failed to start leaves main without one.
  const syntheticRunning =
    feed?.source === 'synthetic' && feed.state !== 'stopped' && feed.state !== 'faulted';

  const changeSpeed = (v: number): void => {
    setReplay({ replaySpeed: v });
    if (replaying) void controlReplay(api, { action: 'speed', speed: v });
  };

  return (
    <section className="data-section" aria-labelledby="replay-title">
      <div className="section-head">
        <h3 id="replay-title">Replay</h3>
        <span className="muted" data-testid="replay-state">
          {replaying ? `${paused ? 'paused' : 'running'} · ${feed.detail}` : 'not replaying'}
        </span>
      </div>
      <p className="muted">
        Plays stored 1-minute bars as if live. The chart never shows a bar after the replay clock;
        scroll left to browse older stored history.
      </p>
      <div className="options">
        <label className="field">
          <span className="label">Replay from (New York)</span>
          <input
            type="datetime-local"
            value={from}
            onChange={(e) => setReplay({ replayFrom: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="label">Speed</span>
          <select value={speed} onChange={(e) => changeSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                ×{s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => void startReplay(api)}>
          {replaying ? 'Restart replay' : 'Start replay'}
        </button>
        <button
          type="button"
          disabled={!replaying}
          onClick={() => void controlReplay(api, { action: paused ? 'resume' : 'pause' })}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!replaying} onClick={() => void seekReplay(api)}>
          Seek
        </button>
        <button type="button" disabled={syntheticRunning} onClick={() => void backToSynthetic(api)}>
          Back to synthetic market
        </button>
        <button
          type="button"
          disabled={feed?.source === 'ib'}
          title="TWS or IB Gateway at the host, port and client id in settings (default 127.0.0.1:7497)"
          onClick={() => void connectIb(api)}
        >
          Connect Interactive Brokers
        </button>
      </div>
    </section>
  );
}
