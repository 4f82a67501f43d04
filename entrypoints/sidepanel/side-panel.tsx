import { CurrentReport } from './current-report';
import { HistorySection } from './history-section';

export function SidePanel() {
  return (
    <div class="bi-root panel">
      <header class="panel__head">
        <img src="/icon/32.png" alt="" width={22} height={22} />
        <h1 class="panel__title">Bounce Inspector</h1>
      </header>
      <main class="panel__main">
        <CurrentReport />
        <HistorySection />
      </main>
      <footer class="panel__foot">Private: bounces are read in this browser. The history stays on this device.</footer>
    </div>
  );
}
