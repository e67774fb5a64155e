/**
 * The London LSOA page: both Gi* variants are built; the address (?lsoa=rate|log)
 * and the radio buttons choose which one shows. Anything else in the address falls
 * back to the rates and says so.
 */
const VARIANTS = { rate: 'hotspots-lsoa', log: 'hotspots-lsoa-log' } as const;
type Variant = keyof typeof VARIANTS;

function show(v: Variant): void {
  for (const [k, id] of Object.entries(VARIANTS)) {
    const el = document.getElementById(id);
    if (el) el.hidden = k !== v;
  }
  for (const r of Array.from(document.querySelectorAll<HTMLInputElement>('#lsoa-variant input[name=lsoa]')))
    r.checked = r.value === v;
}

export function initLsoaVariant(): void {
  const p = new URLSearchParams(location.search).get('lsoa');
  const status = document.getElementById('lsoa-status');
  let v: Variant = 'rate';
  if (p === 'rate' || p === 'log') v = p;
  else if (p !== null && status) {
    status.hidden = false;
    status.textContent = `Not understood in the address: LSOA measure "${p.slice(0, 40)}" is not rate or log. Showing the rates.`;
  }
  show(v);
  document.getElementById('lsoa-variant')?.addEventListener('change', (e) => {
    const value = (e.target as HTMLInputElement).value;
    if (value !== 'rate' && value !== 'log') return;
    show(value);
    history.replaceState(null, '', value === 'rate' ? location.pathname : `?lsoa=${value}`);
  });
}
