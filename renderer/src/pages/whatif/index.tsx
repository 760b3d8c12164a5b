export function WhatIfPage() {
  return (
    <section className="page">
      <header className="page-header">
        <h2>What-if</h2>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
