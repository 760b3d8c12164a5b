import { useEffect } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { NoticeList } from './components/NoticeList';
import { SettingsDialog } from './components/SettingsDialog';
import { EnvironmentsPage } from './pages/environments';
import { ReportsPage } from './pages/reports';
import { TroubleshootPage } from './pages/troubleshoot';
import { WhatIfPage } from './pages/whatif';
import { useSettings } from './stores/settings';
import { PAGES, useUi, type PageId } from './stores/ui';

const PAGE_COMPONENTS: Record<PageId, () => React.JSX.Element> = {
  environments: EnvironmentsPage,
  troubleshoot: TroubleshootPage,
  whatif: WhatIfPage,
  reports: ReportsPage,
};

export function App() {
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const syncFromHash = useUi((s) => s.syncFromHash);
  const setSettingsOpen = useUi((s) => s.setSettingsOpen);
  const load = useSettings((s) => s.load);
  const info = useSettings((s) => s.info);

  useEffect(() => {
    void load();
    window.addEventListener('hashchange', syncFromHash);
    return () => window.removeEventListener('hashchange', syncFromHash);
  }, [load, syncFromHash]);

  const Page = PAGE_COMPONENTS[route.page];
  const current = PAGES.find((p) => p.id === route.page);

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <span>Support Toolkit</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a
                  href={`#/${p.id}`}
                  aria-current={route.page === p.id ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(p.id);
                  }}
                >
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <button type="button" className="btn btn-ghost" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
          {info && (
            <p className="muted small" title={`Data folder: ${info.dataDir}`}>
              v{info.version} · {info.hostKind === 'electron' ? 'desktop' : info.hostKind}
            </p>
          )}
        </div>
      </aside>
      <main className="content" aria-labelledby="page-title">
        <ErrorBanner />
        <NoticeList />
        <h1 id="page-title" className="visually-hidden">
          {current?.label}
        </h1>
        <Page />
      </main>
      <SettingsDialog />
    </div>
  );
}
