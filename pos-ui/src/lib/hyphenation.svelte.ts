import type { HyphenationFunctionSync } from 'hyphen';
import type { Locale } from '../../../shared/locales.ts';

/** The TeX patterns a word is hyphenated by: its script, and for Latin or Cyrillic the register's language where it has one. */
type Patterns = 'ru' | 'uk' | 'lt' | 'ro' | 'en-us';

// Each language's patterns their own chunk (ru is 136 KB), fetched the first time a tile needs them.
type PatternsModule = { hyphenateSync: HyphenationFunctionSync };
const loaders: Record<Patterns, () => Promise<PatternsModule | { default: PatternsModule }>> = {
  ru: () => import('hyphen/ru'),
  uk: () => import('hyphen/uk'),
  lt: () => import('hyphen/lt'),
  ro: () => import('hyphen/ro'),
  'en-us': () => import('hyphen/en-us'),
};

const loaded = $state<Partial<Record<Patterns, HyphenationFunctionSync>>>({});
const loading = new Set<Patterns>();

function patternsFor(word: string, locale: Locale): Patterns | null {
  if (/\p{Script=Cyrillic}/u.test(word)) return locale === 'uk' || /[єіїґ]/iu.test(word) ? 'uk' : 'ru';
  if (!/\p{Script=Latin}/u.test(word)) return null;
  // A Latin word's own letters tell Lithuanian and Romanian apart from the register's language.
  if (/[ąčęėįšųūž]/iu.test(word)) return 'lt';
  if (/[ăâîșşțţ]/iu.test(word)) return 'ro';
  return locale === 'lt' || locale === 'ro' ? locale : 'en-us';
}

/**
 * A name with soft hyphens (U+00AD) where its language lets a word break, for a narrow tile: the
 * browser then breaks a long word only there and draws the hyphen (Debian's Chromium has no
 * hyphenation dictionaries: under `hyphens: auto` a long Russian word overflows its box). Words with digits (sizes,
 * codes) are left whole. Until a language's patterns have arrived the name is returned as it is.
 */
export function hyphenated(text: string, locale: Locale): string {
  return text.replace(/[\p{L}\p{M}]{6,}/gu, (word, offset: number) => {
    const before = text[offset - 1] ?? '';
    const after = text[offset + word.length] ?? '';
    if (/\d/.test(before) || /\d/.test(after)) return word;
    const patterns = patternsFor(word, locale);
    if (!patterns) return word;
    const hyphenate = loaded[patterns];
    if (hyphenate) return hyphenate(word);
    if (!loading.has(patterns)) {
      loading.add(patterns);
      // The package is CommonJS: bundled, its exports arrive as the module's default.
      void loaders[patterns]().then((m) => (loaded[patterns] = ('default' in m ? m.default : m).hyphenateSync), () => loading.delete(patterns));
    }
    return word;
  });
}
