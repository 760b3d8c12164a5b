import { useId, useMemo } from 'react';
import { FIXED_OFFSET_LABEL, FIXED_OFFSET_ZONE, knownZones } from '../../../../shared/profiles/time-zone';

/**
 * The database's time zone (domain.md 4d): typed or picked from the zones this computer knows, or
 * "fixed-offset". The probes convert every time by its rules, so a window across a daylight-saving
 * change is read right; empty keeps the offset measured at each probe and flags such windows.
 */
export function TimeZoneInput(props: { value: string; onChange(value: string): void; onBlur?(): void; error?: string }) {
  const id = useId();
  const zones = useMemo(() => knownZones(), []);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>Database time zone</label>
      <input
        id={id}
        list={`${id}-zones`}
        value={props.value}
        placeholder="e.g. Europe/Lisbon"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, props.error ? errorId : ''].filter(Boolean).join(' ')}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
      <datalist id={`${id}-zones`}>
        <option value={FIXED_OFFSET_ZONE}>{FIXED_OFFSET_LABEL}</option>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <span id={hintId} className="field-hint">
        The zone the database and front-ends run in, as an IANA name, or {FIXED_OFFSET_ZONE} when the clock never changes. SQL Server 2019 and later name their
        zone: a probe then suggests it. Empty: each probe uses the offset it measures and warns when a window may cross a clock change. OutSystems Cloud runs in
        UTC.
      </span>
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
