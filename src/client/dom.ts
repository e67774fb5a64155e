/** Small DOM helpers shared by the page scripts. */

/** An element with text and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = h(tag, attrs);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An element with attributes and children (text or elements). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/**
 * The view state of an interactive figure, for readers of the page and for tests:
 * data-state="busy" while a view is being computed or drawn, "ready" once it is on the
 * page, "error" when it failed (the status line says why). aria-busy follows.
 */
export function viewState(sections: Iterable<Element>, s: 'busy' | 'ready' | 'error'): void {
  for (const e of sections) {
    e.setAttribute('data-state', s);
    if (s === 'busy') e.setAttribute('aria-busy', 'true');
    else e.removeAttribute('aria-busy');
  }
}

/** Shows a message in a status line (role="status"), or hides it. */
export function statusLine(id: string, msg: string | null): void {
  const s = document.getElementById(id);
  if (!s) return;
  s.hidden = !msg;
  s.textContent = msg ?? '';
}

/**
 * Says the result of a change to screen-reader users, politely: the figure's title and
 * the first sentence of its description (what is shown and its leading value), never timings. The live region is
 * in every layout from the start, so assistive technology is already watching it.
 */
export function announce(title: string, description: string): void {
  const r = document.getElementById('lca-announce');
  if (!r) return;
  // Cleared first, so that the same words after another change are read again.
  r.textContent = '';
  const words = `${title}. ${firstSentence(description)}`;
  setTimeout(() => (r.textContent = words), 50);
}

/** The first sentence of a description (up to the first full stop followed by a space and a capital). */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])\s+(?=[A-Z])/s.exec(text);
  return (m ? m[1]! : text).trim();
}
