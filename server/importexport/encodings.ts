import chardet from 'chardet';
import iconv from 'iconv-lite';
import { TEXT_ENCODINGS, type TextEncoding } from '../../shared/schemas/importexport.ts';

/** chardet's names for the encodings we read, and the ones it names for a subset of one. */
const FROM_CHARDET: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'iso-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'iso-8859-5': 'windows-1251',
  'windows-1257': 'windows-1257',
  'iso-8859-13': 'iso-8859-13',
  'koi8-r': 'koi8-r',
  gb18030: 'gb18030',
  big5: 'big5',
};

/** Bytes where KOI8-U has Ukrainian letters (є і ї ґ) and KOI8-R box drawing. */
const KOI8_U_ONLY = new Set([0xa4, 0xa6, 0xa7, 0xad, 0xb4, 0xb6, 0xb7, 0xbd]);

const hasByte = (bytes: Buffer, test: (b: number) => boolean) => bytes.some(test);

/**
 * The ISO code page chardet names, or the Windows one that extends it when the file uses the
 * bytes 0x80–0x9F (control characters in ISO 8859, letters and quotes in Windows code pages).
 */
function refined(encoding: TextEncoding, bytes: Buffer): TextEncoding {
  const c1 = hasByte(bytes, (b) => b >= 0x80 && b <= 0x9f);
  if (encoding === 'iso-8859-2' && c1) return 'windows-1250';
  if (encoding === 'iso-8859-13' && c1) return 'windows-1257';
  if (encoding === 'koi8-r' && hasByte(bytes, (b) => KOI8_U_ONLY.has(b))) return 'koi8-u';
  return encoding;
}

/** The code pages of Latin scripts, which chardet tells apart least well. */
const LATIN: TextEncoding[] = ['windows-1252', 'windows-1250', 'iso-8859-2', 'windows-1257', 'iso-8859-13'];

/** The letters beyond ASCII each language of our shops (and their neighbours) writes with. */
const ALPHABETS = [
  'ąčęėįšųūž', // Lithuanian
  'āčēģīķļņšūž', // Latvian
  'äöõüšž', // Estonian
  'ăâîșşțţ', // Romanian
  'ąćęłńóśźż', // Polish
  'áčďéěíňóřšťúůýž', // Czech
  'áäčďéíĺľňóôŕšťúýž', // Slovak
  'áéíóöőúüű', // Hungarian
  'čćđšž', // Croatian, Slovenian
  'äöüß', // German
  'àâæçéèêëîïôœùûüÿ', // French
  'áéíñóúü', // Spanish
  'àáâãçéêíóôõú', // Portuguese
  'àèéìíîòóùú', // Italian
  'åäöéü', // Swedish, Finnish
  'æøåé', // Danish, Norwegian
].map((letters) => new Set(letters));

/**
 * How many of a text's words with letters beyond ASCII are written in one language's alphabet:
 * a wrong Latin code page turns "Dvořáková" into "Dvoøáková", whose letters no one language has.
 */
function latinScore(text: string): number {
  let score = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const extra = [...word].filter((c) => c > '\x7f');
    if (!extra.length) continue;
    if (ALPHABETS.some((alphabet) => extra.every((c) => alphabet.has(c)))) score += 1;
    else score -= 1;
  }
  return score;
}

/** Of chardet's guesses, a Latin code page is weighed against the others by which one writes real words. */
function rankedLatin(guesses: TextEncoding[], bytes: Buffer): TextEncoding[] {
  if (!guesses.length || !LATIN.includes(guesses[0])) return guesses;
  const scores = new Map(LATIN.map((e) => [e, latinScore(iconv.decode(bytes, e))]));
  const order = [...new Set([...guesses.filter((g) => LATIN.includes(g)), ...LATIN])];
  // Stable: of code pages that read as many words, the one chardet put first.
  const latin = order.sort((a, b) => scores.get(b)! - scores.get(a)!);
  return [...new Set([...latin.slice(0, 3), ...guesses])];
}

/** UTF-16 without a byte order mark: ASCII text has a zero byte in every other place. */
function utf16WithoutBom(bytes: Buffer): TextEncoding | null {
  const pairs = Math.min(bytes.length >> 1, 4096);
  if (pairs < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros += 1;
    if (bytes[2 * i + 1] === 0) oddZeros += 1;
  }
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function isUtf8(bytes: Buffer, partial: boolean): boolean {
  try {
    // A head of a longer file may end inside a character: `stream` leaves that one undecided.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/**
 * How a file's text is most likely encoded, and the other readings worth showing beside it, best
 * first: a byte order mark decides; else UTF-16 by its zero bytes; else strict UTF-8 if it decodes;
 * else chardet's statistical guess among the encodings we read, refined where it cannot tell a
 * code page from the one it extends.
 */
export function detectEncodings(bytes: Buffer, partial = false): TextEncoding[] {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return ['utf-8'];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ['utf-16le'];
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ['utf-16be'];
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return [utf16];
  if (isUtf8(bytes, partial)) return ['utf-8'];
  const guesses = chardet
    .analyse(bytes)
    .map((g) => FROM_CHARDET[g.name.toLowerCase()])
    .filter((g): g is TextEncoding => g !== undefined && g !== 'utf-8' && !g.startsWith('utf-16'))
    .map((g) => refined(g, bytes));
  const ranked = rankedLatin([...new Set(guesses)], bytes.subarray(0, 16 * 1024));
  return ranked.length ? ranked : ['windows-1252'];
}

/** The first line with a byte beyond ASCII (where encodings differ), decoded as `encoding`. */
export function sampleLine(bytes: Buffer, encoding: TextEncoding): string {
  const text = decode(bytes.subarray(0, 16 * 1024), encoding);
  const lines = text.split(/\r\n|\n|\r/);
  return (lines.find((l) => /[^\x00-\x7f]/.test(l)) ?? lines[0] ?? '').slice(0, 160);
}

export function decode(bytes: Buffer, encoding: TextEncoding): string {
  return iconv.decode(bytes, encoding).replace(/^\uFEFF/, '');
}

export const isTextEncoding = (name: string): name is TextEncoding => (TEXT_ENCODINGS as readonly string[]).includes(name);
