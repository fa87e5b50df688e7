import { eastAsianWidth } from 'get-east-asian-width';

/** Columns one character takes on paper: two for Han and other wide characters (Unicode East Asian Width). */
export function charWidth(char: string): number {
  return eastAsianWidth(char.codePointAt(0)!, { ambiguousAsWide: false });
}

/** Columns a text takes on paper. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** The text cut to at most `width` columns (a wide character that would straddle the edge goes). */
export function fit(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width) break;
    out += char;
    used += w;
  }
  return out;
}

/** Splits text into lines of at most `width` columns at spaces; only a word wider than a line is broken. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (const piece of breakWord(word, width)) {
      if (!current) current = piece;
      else if (displayWidth(current) + 1 + displayWidth(piece) <= width) current += ` ${piece}`;
      else {
        lines.push(current);
        current = piece;
      }
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (displayWidth(rest) > width) {
    const head = fit(rest, width) || [...rest][0];
    pieces.push(head);
    rest = rest.slice(head.length);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Whether every word of the text fits in `width` columns, so wrapping never breaks a word. */
export function wrapsOnWords(text: string, width: number): boolean {
  return text.split(/\s+/).every((word) => displayWidth(word) <= width);
}
