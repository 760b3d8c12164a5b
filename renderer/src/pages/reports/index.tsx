export function ReportsPage() {
  return (
    <section className="page">
      <header className="page-header">
        <h2>Reports</h2>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
