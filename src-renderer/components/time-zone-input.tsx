/**
 * A time-zone field: free text with the browser's IANA zone names as suggestions. Empty
 * means "let the importer decide"; a name the browser does not know is flagged before main
 * refuses it.
 */
import { useId } from 'react';

const COMMON = [
  'America/New_York',
  'America/Chicago',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
];
const ALL: readonly string[] = (() => {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...COMMON, ...known.filter((z) => !COMMON.includes(z))];
})();

/** True for '' (auto) or a zone name the browser's Intl knows. */
export function isZoneName(tz: string): boolean {
  if (tz.trim() === '') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz.trim() });
    return true;
  } catch {
    return false;
  }
}

export interface TimeZoneInputProps {
  readonly label: string;
  readonly value: string;
  readonly placeholder?: string;
  readonly onChange: (tz: string) => void;
}

export function TimeZoneInput({ label, value, placeholder, onChange }: TimeZoneInputProps) {
  const id = useId();
  const valid = isZoneName(value);
  return (
    <div className="field">
      <label className="label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        list={`${id}-zones`}
        value={value}
        placeholder={placeholder ?? 'auto (detect)'}
        spellCheck={false}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-zones`}>
        {ALL.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {valid ? null : (
        <span className="field-error" id={`${id}-error`}>
          unknown time zone
        </span>
      )}
    </div>
  );
}
