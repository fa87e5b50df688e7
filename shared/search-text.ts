/**
 * Text as search compares it: case, diacritics and ё folded ("Ёлкина" → "елкина", "Žydrūnė" →
 * "zydrune", "Ștefănescu" → "stefanescu"), letters without a decomposition mapped by hand. Names
 * are kept as written; only what is searched is folded. The same function folds what is indexed
 * and what is typed, so the two always agree.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łđøßæœı]/g, (c) => ({ ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' })[c]!);
}

/** Chinese, Japanese and Korean characters: written without spaces, so words cannot be told apart by them. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/**
 * Marks that make one or two CJK characters a token of their own in the trigram index, which
 * matches nothing shorter than three characters: "王芳" is indexed as ‹王› ‹芳› ‹王芳›, and a search
 * for one or two characters looks for the marked token.
 */
export const gramToken = (gram: string): string => `\u{E000}${gram}\u{E001}`;

/** The single characters and pairs of each run of CJK characters in a text, as marked tokens. */
export function cjkGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run];
    chars.forEach((c, i) => {
      grams.add(gramToken(c));
      if (i + 1 < chars.length) grams.add(gramToken(c + chars[i + 1]));
    });
  }
  return [...grams];
}
