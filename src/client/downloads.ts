/** Points a download link at a file made in the browser (the current view's CSV or SVG), freeing the previous one. */
export function blobLink(a: HTMLAnchorElement | null, text: string, type: string, name: string): void {
  if (!a) return;
  if (a.dataset.blob) URL.revokeObjectURL(a.dataset.blob);
  const href = URL.createObjectURL(new Blob([text], { type }));
  a.dataset.blob = href;
  a.href = href;
  a.download = name;
}
