/** Points a download link at a file made in the browser (the current view's CSV or SVG), freeing the previous one. */
export function blobLink(a: HTMLAnchorElement | null, text: string, type: string, name: string): void {
  if (!a) return;
  pending.delete(a);
  if (a.dataset.blob) URL.revokeObjectURL(a.dataset.blob);
  const href = URL.createObjectURL(new Blob([text], { type }));
  a.dataset.blob = href;
  a.href = href;
  a.download = name;
}

const pending = new WeakMap<HTMLAnchorElement, () => void>();

/**
 * The same, with the file made only when the reader reaches for the link (pointer down,
 * focus or click, all before the browser follows it): a large map's SVG is not
 * serialised on every view change. Until then the link points at the page itself.
 */
export function lazyBlobLink(a: HTMLAnchorElement | null, make: () => string, type: string, name: string): void {
  if (!a) return;
  if (a.dataset.blob) URL.revokeObjectURL(a.dataset.blob);
  delete a.dataset.blob;
  a.href = '#';
  a.download = name;
  if (!pending.has(a))
    for (const ev of ['pointerdown', 'focus', 'click'])
      a.addEventListener(ev, () => pending.get(a)?.(), { capture: true });
  pending.set(a, () => blobLink(a, make(), type, name));
}

const makers = new WeakMap<HTMLAnchorElement, () => Promise<Blob>>();
const wired = new WeakSet<HTMLAnchorElement>();

/**
 * A download made asynchronously when the reader follows the link (a view's ZIP, whose code
 * loads only then): the click (or Enter) is held, the file made, and saved through a link of
 * its own. A click while it is being made is ignored; a file for a view that was replaced or
 * withheld meanwhile is dropped; a failure is said on the link. (The link's own address is
 * "#": "save link as" gets nothing, the built file beside the CSV is the one to link to.)
 */
export function asyncBlobLink(a: HTMLAnchorElement | null, make: () => Promise<Blob>, name: string): void {
  if (!a) return;
  if (a.dataset.blob) URL.revokeObjectURL(a.dataset.blob);
  delete a.dataset.blob;
  a.href = '#';
  a.download = name;
  makers.set(a, make);
  if (wired.has(a)) return;
  wired.add(a);
  const label = a.textContent;
  a.addEventListener('click', (e) => {
    const m = makers.get(a);
    if (!m) return;
    e.preventDefault();
    if (a.dataset.making) return;
    a.dataset.making = 'true';
    a.textContent = label;
    void m()
      .then((blob) => {
        if (makers.get(a) !== m) return;
        const save = document.createElement('a');
        save.href = URL.createObjectURL(blob);
        save.download = a.download;
        save.click();
        setTimeout(() => URL.revokeObjectURL(save.href), 1000);
      })
      .catch(() => {
        a.textContent = `${label ?? ''}: could not be made here; the CSV and its description are beside it`;
      })
      .finally(() => delete a.dataset.making);
  });
}

/** The text a download link points at: made now if it is a view's file not yet made, else fetched (the site's own file or a blob). */
export async function linkText(a: HTMLAnchorElement): Promise<string> {
  pending.get(a)?.();
  const r = await fetch(a.href);
  if (!r.ok) throw new Error(`${a.href}: ${r.status}`);
  return r.text();
}

/** A download link that points nowhere: its file (made or still to be made) is dropped. */
export function disableLink(a: HTMLAnchorElement): void {
  pending.delete(a);
  makers.delete(a);
  if (a.dataset.blob) URL.revokeObjectURL(a.dataset.blob);
  delete a.dataset.blob;
  a.removeAttribute('href');
  a.removeAttribute('download');
}
