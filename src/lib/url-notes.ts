/**
 * What a page's address holds that the page cannot use, in words for its fallback note:
 * unknown settings and settings given more than once. Echoed values are cut to 40
 * characters so that a long or hostile address cannot fill the page.
 */

/** A value from the address, quoted and cut to 40 characters. */
export const echo = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Settings every page accepts without a note (an embed's theme and full-page switches). */
const ALWAYS = ['theme', 'full'];

export function keyProblems(
  params: URLSearchParams,
  known: readonly string[],
  repeatable: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k)) continue;
    seen.add(k);
    if (!known.includes(k) && !ALWAYS.includes(k)) problems.push(`unknown setting ${echo(k)} ignored`);
    else if (!repeatable.includes(k) && params.getAll(k).length > 1)
      problems.push(`"${k}" given more than once: the first is used`);
  }
  return problems;
}
