import { useEffect, useRef, useState } from 'react';
import { DEFAULT_ENGINEER_NAME, settingsPatchSchema, type Settings } from '../../../shared/settings';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';

export function SettingsDialog() {
  const open = useUi((s) => s.settingsOpen);
  const setOpen = useUi((s) => s.setSettingsOpen);
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const info = useSettings((s) => s.info);
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Settings>(settings);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setDraft(settings);
      setError(null);
      el.showModal();
    } else if (!open && el.open) el.close();
  }, [open, settings]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const parsed = settingsPatchSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Invalid settings');
      return;
    }
    if (await update(parsed.data)) setOpen(false);
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="settings-title" onClose={() => setOpen(false)}>
      <form onSubmit={save}>
        <h2 id="settings-title">Settings</h2>
        <fieldset className="field">
          <legend>Theme</legend>
          <div className="segmented">
            {(['system', 'light', 'dark'] as const).map((theme) => (
              <label key={theme}>
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={draft.theme === theme}
                  onChange={() => {
                    setDraft({ ...draft, theme });
                    document.documentElement.dataset.theme = theme; // live preview
                  }}
                />
                {theme[0]!.toUpperCase() + theme.slice(1)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="settings-page-size">Report page size</label>
          <select id="settings-page-size" value={draft.pageSize} onChange={(e) => setDraft({ ...draft, pageSize: e.target.value as Settings['pageSize'] })}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="settings-engineer">Engineer name (shown on reports)</label>
          <input
            id="settings-engineer"
            value={draft.engineerName}
            maxLength={200}
            placeholder={DEFAULT_ENGINEER_NAME}
            aria-describedby="settings-engineer-hint"
            onChange={(e) => setDraft({ ...draft, engineerName: e.target.value })}
          />
          <p id="settings-engineer-hint" className="muted small">
            Set your name: it is printed on reports and recorded with each change you apply. Until you do, both say “{DEFAULT_ENGINEER_NAME}”.
          </p>
        </div>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        {info && <p className="muted small">Data folder: {info.dataDir}</p>}
        <div className="dialog-actions">
          <button
            type="button"
            className="btn"
            onClick={() => {
              document.documentElement.dataset.theme = settings.theme;
              setOpen(false);
            }}
          >
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
