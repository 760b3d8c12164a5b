import { useEffect, useState } from 'react';
import { onApiEvent } from '../api/client';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';

/**
 * Things the back end wants the user to know: those found at start (app.info, e.g. a corrupt file
 * moved aside) and those pushed as `notice` events while the page is open, shown without a reload.
 */
const NO_NOTICES: string[] = [];

export function NoticeList() {
  // A stable empty array: zustand re-renders when the selected value changes identity.
  const atStart = useSettings((s) => s.info?.notices ?? NO_NOTICES);
  const pushed = useUi((s) => s.notices);
  const [hidden, setHidden] = useState<string[]>([]);
  useEffect(
    () =>
      onApiEvent((event) => {
        if (event.kind === 'notice') useUi.getState().addNotice(event.message);
      }),
    [],
  );
  const visible = [...atStart, ...pushed.filter((n) => !atStart.includes(n))].filter((n) => !hidden.includes(n));
  if (visible.length === 0) return null;
  return (
    <div className="banners">
      {visible.map((notice) => (
        <div key={notice} role="status" className="banner banner-warning">
          <div className="banner-body">{notice}</div>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss notice" onClick={() => setHidden([...hidden, notice])}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
