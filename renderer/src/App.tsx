import { lazy, Suspense, useEffect } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { NoticeList } from './components/NoticeList';
import { SettingsDialog } from './components/SettingsDialog';
import { useSettings } from './stores/settings';
import { PAGES, useUi, type PageId } from './stores/ui';

// Each page is its own chunk: the frame paints first and a page's code loads when it is opened.
const PAGE_COMPONENTS: Record<PageId, React.LazyExoticComponent<() => React.JSX.Element>> = {
  environments: lazy(() => import('./pages/environments').then((m) => ({ default: m.EnvironmentsPage }))),
  troubleshoot: lazy(() => import('./pages/troubleshoot').then((m) => ({ default: m.TroubleshootPage }))),
  whatif: lazy(() => import('./pages/whatif').then((m) => ({ default: m.WhatIfPage }))),
  reports: lazy(() => import('./pages/reports').then((m) => ({ default: m.ReportsPage }))),
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
      {/* The first Tab stop: straight to the page, past the navigation. */}
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to content
      </a>
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
      <main className="content" id="main-content" tabIndex={-1} aria-labelledby="page-title">
        <ErrorBanner />
        <NoticeList />
        <h1 id="page-title" className="visually-hidden">
          {current?.label}
        </h1>
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading…
            </p>
          }
        >
          <Page />
        </Suspense>
      </main>
      <SettingsDialog />
    </div>
  );
}
