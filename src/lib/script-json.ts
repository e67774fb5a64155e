/**
 * JSON for a <script type="application/json"> element: `<`, `>` and `&` as \u escapes
 * (a string holding "</script>" cannot end the element) and U+2028/U+2029 escaped. The
 * result parses to the same value with JSON.parse.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
