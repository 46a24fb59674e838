/**
 * Text for an HTML page, in content or in a quoted attribute: `&`, `<`, `>`, `"` and `'` as entities. The one rule
 * behind the reports sgn writes (`sgn reproduce`'s and `sgn sweep`'s index.html).
 *
 * @param text - any text
 * @returns the escaped text
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
