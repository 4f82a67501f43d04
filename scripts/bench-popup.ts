/**
 * Popup latency: time from pasting a 50 KB bounce into the popup to its verdict card appearing,
 * in Chromium with the production build. A paste is explained at once (typing is debounced).
 * Run: npm run bench:popup   (builds the extension first when it is stale)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../test/browser/build';
import { CORPUS_DIR, launch, openExtensionPage } from '../test/browser/harness';

const RUNS = 15;
const TARGET_BYTES = 50 * 1024;

/** A real bounce (550 5.1.1) whose returned original message is padded to make the whole 50 KB. */
function bounceOf50KB(): string {
  const raw = readFileSync(join(CORPUS_DIR, 'bsd', 'rhost-google-02.eml'), 'latin1');
  const end = raw.lastIndexOf('\n--');
  const line = 'Quarterly figures attached; please review the numbers before Friday. Thanks!\n';
  const filler = line.repeat(Math.ceil((TARGET_BYTES - raw.length) / line.length));
  return raw.slice(0, end) + '\n' + filler + raw.slice(end);
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: sorted[0], median: pick(0.5), p90: pick(0.9), max: sorted.at(-1)! };
}

async function main() {
  ensureBuilt((line) => console.log(line));
  const text = bounceOf50KB();
  const ext = await launch();
  try {
    const page = await openExtensionPage(ext, 'popup.html');
    await page.getByTestId('query').waitFor();
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const elapsed = await page.evaluate(async (bounce) => {
        const area = document.querySelector<HTMLTextAreaElement>('[data-testid="query"]')!;
        const input = (value: string, inputType: string) => {
          area.value = value;
          area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
        };
        input('', 'deleteContentBackward');
        await new Promise((resolve) => setTimeout(resolve, 50));
        return new Promise<number>((resolve) => {
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (document.querySelector('[data-testid="verdict"]')) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
          input(bounce, 'insertFromPaste');
        });
      }, text);
      times.push(elapsed);
    }
    const status = await page.getByTestId('verdict').first().getAttribute('data-status');
    const s = stats(times);
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    console.log(`Popup: paste of a ${(text.length / 1024).toFixed(1)} KB bounce → verdict card (status ${status}), ${RUNS} runs`);
    console.log(`  median ${ms(s.median)}, p90 ${ms(s.p90)}, min ${ms(s.min)}, max ${ms(s.max)}; goal: within 100 ms (${s.median <= 100 ? 'met' : 'NOT MET'})`);
  } finally {
    await ext.close();
  }
}

await main();
