/**
 * A condition on product rows (`alias`) that their name holds every word of `text`, in any order,
 * as a substring (case folded as searchName is). Words of three characters or more go through the
 * trigram index (migration 0022), so a search among a million names reads only the names that
 * hold them; shorter words (which a trigram cannot look up) are checked on those rows, or on
 * every row when no word is long enough. Null when the text has no words.
 */
export function nameCondition(text: string, alias: string, param: string): { sql: string; params: Record<string, string> } | null {
  const words = [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))];
  if (!words.length) return null;
  const long = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (long.length) {
    // Each word is an FTS5 string: its double quotes doubled, so no word is read as query syntax.
    params[`${param}Match`] = long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ');
    conditions.push(`${alias}.rowid IN (SELECT rowid FROM "ProductNameSearch" WHERE "ProductNameSearch" MATCH @${param}Match)`);
  }
  short.forEach((w, i) => {
    params[`${param}Short${i}`] = w;
    conditions.push(`instr(${alias}."searchName", @${param}Short${i}) > 0`);
  });
  return { sql: conditions.join(' AND '), params };
}
