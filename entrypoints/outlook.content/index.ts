/**
 * Outlook on the web (personal and work hosts, /mail/ and /owa/ paths): explains the bounce that
 * is open, beside it. Outlook gives no raw source to an extension without a sign-in of its own,
 * so the panel reads the page and offers a box for pasted source.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookReader } from '@/lib/webmail/outlook';
import '@/components/theme.css';
import '@/components/components.css';
import '@/components/in-page-panel.css';
import { runBouncePanels } from '@/utils/bounce-panels/run';

export default defineContentScript({
  matches: [
    'https://outlook.live.com/mail/*',
    'https://outlook.live.com/owa/*',
    'https://outlook.office.com/mail/*',
    'https://outlook.office.com/owa/*',
    'https://outlook.office365.com/mail/*',
    'https://outlook.office365.com/owa/*',
    'https://outlook.cloud.microsoft/mail/*',
  ],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    try {
      runBouncePanels(ctx, { reader: outlookReader, acceptsPaste: true });
    } catch {
      // Never break Outlook: without us the page is what it was.
    }
  },
});
