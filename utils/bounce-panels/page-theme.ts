/**
 * Light or dark, as the webmail page is actually drawn (Gmail's and Outlook's themes do not
 * follow the system setting): the first opaque background behind the anchor.
 */
export type PageTheme = 'light' | 'dark';

/** 'rgb(32, 33, 36)' / 'rgba(0, 0, 0, 0)' → [r, g, b, a]; null when unreadable. */
export function parseColor(color: string): [number, number, number, number] | null {
  const match = /^rgba?\(\s*([\d.]{1,8})[ ,]+([\d.]{1,8})[ ,]+([\d.]{1,8})(?:\s*[,/]\s*([\d.]{1,8}%?))?\s*\)$/.exec(color.trim());
  if (!match) return null;
  const alphaText = match[4] ?? '1';
  const alpha = alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

export function pageTheme(anchor: Element): PageTheme {
  try {
    const view = anchor.ownerDocument.defaultView;
    for (let node: Element | null = anchor; node && view; node = node.parentElement) {
      const rgba = parseColor(view.getComputedStyle(node).backgroundColor);
      if (rgba && rgba[3] > 0.5) {
        const [r, g, b] = rgba;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
      }
    }
  } catch {
    // Fall through to light.
  }
  return 'light';
}
