/**
 * The content script's stylesheet for its panels, fetched once per page. With
 * `cssInjectionMode: 'ui'`, WXT's createShadowRootUi fetches the entry's CSS file again for every
 * panel it creates (its loadCss); the panels get this text through the `css` option instead (see
 * panelContext in run.ts), with the same `:root` to `:host` rewrite.
 */
import { browser } from 'wxt/browser';

let loading: Promise<string> | undefined;

export function panelCss(): Promise<string> {
  loading ??= (async () => {
    const url = (browser.runtime.getURL as (path: string) => string)(`/content-scripts/${import.meta.env.ENTRYPOINT}.css`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status}`);
    return (await response.text()).replaceAll(':root', ':host');
  })().catch(() => {
    loading = undefined; // unstyled this time; the next panel tries again
    return '';
  });
  return loading;
}
