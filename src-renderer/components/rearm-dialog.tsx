/** The re-arm confirmation: the trader must tick the acknowledgement before confirming. */
import { useEffect, useRef, useState } from 'react';

export interface RearmDialogProps {
  readonly reason: string;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}

export function RearmDialog({ reason, onCancel, onConfirm }: RearmDialogProps) {
  const [acknowledged, setAcknowledged] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="rearm-title">
        <h2 id="rearm-title">Re-arm trading?</h2>
        <p>
          Trading is <strong>HALTED</strong>
          {reason ? ` (${reason})` : ''}. Re-arming allows new orders again from the model and the
          order ticket.
        </p>
        <label className="ack">
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(e) => setAcknowledged(e.target.checked)}
          />
          I have reviewed why trading was halted and want to resume.
        </label>
        <div className="actions">
          <button type="button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={!acknowledged} onClick={onConfirm}>
            Re-arm trading
          </button>
        </div>
      </div>
    </div>
  );
}
