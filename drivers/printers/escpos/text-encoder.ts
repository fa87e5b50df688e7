import iconv from 'iconv-lite';
import type { CodePageName, PrinterProfile } from './profiles.ts';

/** A line as the printer gets it: runs of bytes each in one code page, or GB18030 in Chinese mode. */
export type EncodedText = { mode: 'code-page'; runs: { codePage: number; bytes: Uint8Array }[] } | { mode: 'chinese'; bytes: Uint8Array };

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Picks how to print a line: the current code page if it covers the text (ASCII fits every page),
 * else the first of the printer's pages that does. A line mixing scripts no single page has
 * ("Rokiškio Молоко") switches page mid-line, which ESC t allows. Han text goes in Chinese mode on
 * printers that have it. A character no page has is transliterated, never printed as garbage.
 */
export function encodeText(text: string, profile: PrinterProfile, current: number | null): EncodedText {
  const prepared = text.replace(/[\u0219\u0218\u021b\u021a]/g, (c) => ROMANIAN_COMMA[c]).replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d\u201e]/g, '"');
  if (CJK.test(prepared) && profile.hasChineseMode) return { mode: 'chinese', bytes: iconv.encode(prepared, 'gb18030') };

  const pages = Object.entries(profile.codePages) as [CodePageName, number][];
  const currentPage = pages.find(([, n]) => n === current);
  const preference = currentPage ? [currentPage, ...pages] : pages;
  const whole = preference.find(([name]) => covers(name, prepared));
  if (whole) return { mode: 'code-page', runs: [{ codePage: whole[1], bytes: iconv.encode(prepared, whole[0]) }] };

  // Character by character: stay in the page in use while it covers, else take the first that does.
  const runs: { page: [CodePageName, number]; text: string }[] = [];
  let page = preference[0];
  for (const char of prepared) {
    let target = covers(page[0], char) ? page : preference.find(([name]) => covers(name, char));
    let out = char;
    if (!target) {
      target = page;
      out = transliterate(char);
    }
    page = target;
    const last = runs[runs.length - 1];
    if (last && last.page === page) last.text += out;
    else runs.push({ page, text: out });
  }
  return { mode: 'code-page', runs: runs.map((r) => ({ codePage: r.page[1], bytes: iconv.encode(r.text, r.page[0]) })) };
}

function covers(page: CodePageName, text: string): boolean {
  return iconv.decode(iconv.encode(text, page), page) === text;
}

const ROMANIAN_COMMA: Record<string, string> = { '\u0219': 'ş', '\u0218': 'Ş', '\u021b': 'ţ', '\u021a': 'Ţ' };

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya',
};

/** A Latin stand-in for one character no code page of the printer has. */
export function transliterate(c: string): string {
  const lower = c.toLowerCase();
  if (lower in CYRILLIC) {
    const latin = CYRILLIC[lower];
    return c === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  const stripped = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^[\x20-\x7e]+$/.test(stripped)) return stripped;
  if (c === '€') return 'EUR';
  if (c === '−' || c === '–' || c === '—') return '-';
  if (c === '×') return 'x';
  if (c === '№') return 'No';
  return '?';
}
