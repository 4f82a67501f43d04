/**
 * Gmail: explains the bounce that is open, beside it. Thin on purpose: the reader, the
 * classifier and the panel live elsewhere; this wires them through WXT's ctx.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { gmailReader } from '@/lib/webmail/gmail';
import '@/components/theme.css';
import '@/components/components.css';
import '@/components/in-page-panel.css';
import { runBouncePanels } from '@/utils/bounce-panels/run';
import { fetchOriginal } from './show-original';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    try {
      runBouncePanels(ctx, { reader: gmailReader, fetchOriginal });
    } catch {
      // Never break Gmail: without us the page is what it was.
    }
  },
});
