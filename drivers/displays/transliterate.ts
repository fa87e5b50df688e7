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
