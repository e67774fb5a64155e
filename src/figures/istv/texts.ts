/**
 * The ISTV page's words around its figures, made from an analysis: what is not drawn and
 * why, the rows read, used and rejected, the spellings merged, the filter's count and the
 * status line. The build writes them for the synthetic extract (the page's first view) and
 * the browser for every view after it, with this one function, so they cannot differ.
 */
import { formatInt as n } from '../../lib/format.ts';
import { ISTV_FIELDS, type IstvAnalysis } from '../../lib/istv.ts';
import { ISTV_WHY_NOT } from './figures.ts';
import type { IstvState } from './state.ts';

/** The rejected rows listed on the page; the download has them all. */
export const REJECTED_LISTED = 200;

export interface IstvTexts {
  /** what is not drawn and why ('' when every figure is drawn) */
  notShown: string;
  rejected: string;
  filtered: string;
  status: string;
  merged: { summary: string; items: string[] };
}

export function istvTexts(
  a: IstvAnalysis,
  s: Pick<IstvState, 'present' | 'k'>,
  notShown: readonly string[],
): IstvTexts {
  const labels = new Map<string, string>(ISTV_FIELDS.map((f) => [f.key, f.label]));
  const small = a.filtered > 0 && a.filtered <= s.k;
  const why = notShown.map((id) => ISTV_WHY_NOT[id] ?? id).join('; ');
  const notShownText =
    small && s.present
      ? `Only ${n(a.filtered)} attendances match: a group of ${s.k} or fewer is not shown in presentation mode.`
      : notShown.length
        ? `Not drawn for this ${a.filtered ? 'file' : 'filter'}: ${why}.`
        : small
          ? `Only ${n(a.filtered)} attendances match: the figures cannot be downloaded (a group of ${s.k} or fewer).`
          : '';
  const listed =
    a.rejected.length > REJECTED_LISTED ? ` (the first ${REJECTED_LISTED} are listed; the download has them all)` : '';
  const rejected = a.rejected.length ? `; ${n(a.rejected.length)} rows rejected (listed below)` : '';
  const q = (v: { value: string; n: number }) => `“${v.value}”${s.present ? '' : ` (${n(v.n)})`}`;
  return {
    notShown: notShownText,
    rejected: `${n(a.rows)} rows read: ${n(a.used)} used, ${n(a.rejected.length)} rejected${listed}. Every row is used or listed here with its reason: none is dropped silently.`,
    filtered: `${n(a.filtered)} of ${n(a.used)} attendances match the filters.`,
    status: a.filtered
      ? `${a.synthetic ? 'Synthetic extract' : a.file}: ${n(a.filtered)} attendances shown${rejected}.`
      : 'No attendances match these filters: clear a filter to see the figures again.',
    merged: {
      summary: a.merges.length
        ? `${n(a.merges.length)} value${a.merges.length === 1 ? '' : 's'} of the file had spellings that differ only in capitals, spaces or punctuation, merged into the most common spelling before anything was counted or suppressed. Untick "Merge values" in the column mapping to count them apart.`
        : '',
      items: a.merges.map(
        (m) => `${labels.get(m.field) ?? m.field}: ${m.from.map(q).join(', ')} counted as ${q(m.into)}`,
      ),
    },
  };
}
