export function TroubleshootPage() {
  return (
    <section className="page">
      <header className="page-header">
        <h2>Troubleshoot</h2>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
