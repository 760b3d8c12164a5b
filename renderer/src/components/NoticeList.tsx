import { useState } from 'react';
import { useSettings } from '../stores/settings';

/** Things the back end wants the user to know at start (e.g. a corrupt file moved aside). */
const NO_NOTICES: string[] = [];

export function NoticeList() {
  // A stable empty array: zustand re-renders when the selected value changes identity.
  const notices = useSettings((s) => s.info?.notices ?? NO_NOTICES);
  const [hidden, setHidden] = useState<string[]>([]);
  const visible = notices.filter((n) => !hidden.includes(n));
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
