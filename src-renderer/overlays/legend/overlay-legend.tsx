/**
 * The overlay legend over the chart's top-left corner: one toggle button per overlay, each
 * with its colour. A toggle takes effect at once (the store drives the OverlayController)
 * and is saved in settings (`ui.overlays`), which restore it at the next start.
 */
import type { Api } from '../../ipc/api';
import { useWorkstation } from '../../state/store';
import { OVERLAY_ITEMS, type OverlayKey } from '../overlay-items';

/** Toggle buttons for the overlays, saved in settings. */
export function OverlayLegend({ api }: { readonly api: Api }) {
  const overlays = useWorkstation((s) => s.overlays);
  if (!overlays) return null;
  const toggle = (key: OverlayKey): void => {
    const s = useWorkstation.getState();
    // Read at click time, not render time: two quick clicks must both count.
    const current = s.overlays;
    if (!current) return;
    const next = { ...current, [key]: !current[key] };
    s.setOverlays(next);
    api
      .updateSettings({ ui: { overlays: next } })
      .catch((e: unknown) => s.setError(`settings: ${(e as Error).message}`));
  };
  return (
    <div className="overlay-legend" role="group" aria-label="Overlays">
      {OVERLAY_ITEMS.map((item) => (
        <button
          key={item.key}
          type="button"
          aria-pressed={overlays[item.key]}
          data-overlay={item.key}
          onClick={() => toggle(item.key)}
        >
          <span className={`swatch swatch-${item.key}`} aria-hidden="true" />
          {item.name}
        </button>
      ))}
    </div>
  );
}
