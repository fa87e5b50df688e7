/** A piece of a label: `keep` pieces are not broken across lines. */
export interface LabelPart {
  text: string;
  keep: boolean;
}

/**
 * A label cut so that punctuation never stands alone on a line: a word of punctuation or symbols
 * alone ("2,5 %") is kept with the end of the word before it, an opening bracket with up to three
 * characters after it, closing punctuation with up to three before it ("Milk 2.5% (1 l)",
 * "(пастеризованное)"). A long word may still break anywhere else to fit a narrow tile, but the
 * emergency break that would leave ")", "(" or "%" by itself has nothing to break there. A kept
 * piece stops at a soft hyphen, so the word can still break there, with its hyphen drawn.
 */
export function labelParts(text: string): LabelPart[] {
  const parts: LabelPart[] = [];
  let at = 0;
  for (const m of text.matchAll(/[^\s\u00ad]{0,3}\s+[\p{P}\p{S}]+(?=\s|$)|[\p{Ps}\p{Pi}]+[^\s\u00ad]{0,3}|[^\s\u00ad]{0,3}[\p{P}\p{S}]+(?=\s|$)/gu)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), keep: false });
    parts.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), keep: false });
  return parts;
}
