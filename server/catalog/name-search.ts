/**
 * The words of a name search, case folded as searchName is: those of three characters or more,
 * which a trigram index looks up (FTS5's at an outlet, migration 0022; pg_trgm's at head office,
 * its migration 0013), and the shorter ones, checked on the rows those found (or on every row when
 * no word is long enough). Null when the text has no words.
 */
export function searchWords(text: string): { long: string[]; short: string[] } | null {
  const words = [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))];
  if (!words.length) return null;
  return { long: words.filter((w) => [...w].length >= 3), short: words.filter((w) => [...w].length < 3) };
}

/**
 * A condition on an outlet's product rows (`alias`) that their name holds every word of `text`, in
 * any order, as a substring: long words through the trigram index, so a search among a million
 * names reads only the names that hold them.
 */
export function nameCondition(text: string, alias: string, param: string): { sql: string; params: Record<string, string> } | null {
  const words = searchWords(text);
  if (!words) return null;
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (words.long.length) {
    // Each word is an FTS5 string: its double quotes doubled, so no word is read as query syntax.
    params[`${param}Match`] = words.long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ');
    conditions.push(`${alias}.rowid IN (SELECT rowid FROM "ProductNameSearch" WHERE "ProductNameSearch" MATCH @${param}Match)`);
  }
  words.short.forEach((w, i) => {
    params[`${param}Short${i}`] = w;
    conditions.push(`instr(${alias}."searchName", @${param}Short${i}) > 0`);
  });
  return { sql: conditions.join(' AND '), params };
}
