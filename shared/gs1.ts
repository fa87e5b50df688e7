// GS1 element strings as GS1-128 and GS1 DataMatrix scanners send them: application identifiers
// (AI) followed by their data; variable-length fields end with GS (0x1D) or the end of the code.

const GS = '\u001d';

/** Fixed data lengths by AI (AIs not listed are variable length, up to `VARIABLE_MAX`). */
const FIXED: Record<string, number> = { '00': 18, '01': 14, '02': 14, '11': 6, '12': 6, '13': 6, '15': 6, '16': 6, '17': 6, '20': 2 };
const VARIABLE_MAX: Record<string, number> = { '10': 20, '21': 20, '22': 20, '30': 8, '37': 8, '240': 30, '241': 30, '250': 30, '400': 30 };
const FOUR_DIGIT_FIXED = /^(31\d\d|32\d\d|33\d\d|34\d\d|35\d\d|36\d\d)$/;
const FOUR_DIGIT_VARIABLE = /^(39[0-4]\d)$/;

export interface Gs1Data {
  /** Normalised for look-up: EAN-13 when the GTIN-14 starts with 0, else the GTIN-14. */
  gtin?: string;
  lot?: string;
  serial?: string;
  /** YYYY-MM-DD; day 00 means the end of the month. */
  expiry?: string;
  /** From AI 310n (kilograms with n decimals), as integer grams. */
  netWeightGrams?: number;
  /** From AI 392n (price with n decimals, in the outlet's currency), as minor units with 2 decimals. */
  price?: number;
  count?: number;
  /** Every AI and its raw data, in order. */
  elements: { ai: string; data: string }[];
}

/** Whether scanned text looks like a GS1 element string rather than a plain EAN or UPC. */
export function isGs1(text: string): boolean {
  return /^\](C1|d2|Q3|e0)/.test(text) || text.includes(GS) || /^01\d{14}(1[0-7]|21|3\d{3}|37)/.test(text);
}

/** Parses a GS1 element string, or throws naming what is wrong. */
export function parseGs1(raw: string): Gs1Data {
  let text = raw.replace(/^\](C1|d2|Q3|e0)/, '');
  if (text.startsWith(GS)) text = text.slice(1);
  const elements: { ai: string; data: string }[] = [];
  while (text.length) {
    const ai = readAi(text);
    text = text.slice(ai.length);
    let data: string;
    const fixed = FIXED[ai] ?? (FOUR_DIGIT_FIXED.test(ai) ? 6 : undefined);
    if (fixed !== undefined) {
      data = text.slice(0, fixed);
      if (data.length !== fixed) throw new Error(`AI (${ai}) needs ${fixed} characters`);
      text = text.slice(fixed);
      if (text.startsWith(GS)) text = text.slice(1);
    } else {
      const end = text.indexOf(GS);
      data = end === -1 ? text : text.slice(0, end);
      text = end === -1 ? '' : text.slice(end + 1);
      const max = VARIABLE_MAX[ai] ?? (FOUR_DIGIT_VARIABLE.test(ai) ? 15 : 30);
      if (data.length === 0 || data.length > max) throw new Error(`AI (${ai}) has ${data.length} characters, at most ${max}`);
    }
    elements.push({ ai, data });
  }
  return interpret(elements);
}

function readAi(text: string): string {
  const two = text.slice(0, 2);
  if (two in FIXED || two in VARIABLE_MAX) return two;
  const three = text.slice(0, 3);
  if (three in VARIABLE_MAX) return three;
  const four = text.slice(0, 4);
  if (FOUR_DIGIT_FIXED.test(four) || FOUR_DIGIT_VARIABLE.test(four)) return four;
  throw new Error(`unknown application identifier at "${text.slice(0, 6)}"`);
}

function interpret(elements: { ai: string; data: string }[]): Gs1Data {
  const out: Gs1Data = { elements };
  for (const { ai, data } of elements) {
    if (ai === '01' || ai === '02') {
      if (!/^\d{14}$/.test(data)) throw new Error(`GTIN (${ai}) must be 14 digits`);
      out.gtin = data.startsWith('0') ? data.slice(1) : data;
    } else if (ai === '10') out.lot = data;
    else if (ai === '21') out.serial = data;
    else if (ai === '17') {
      if (!/^\d{6}$/.test(data)) throw new Error('expiry (17) must be YYMMDD');
      // GS1 century rule simplified: years within the next 50 are 20xx.
      out.expiry = `20${data.slice(0, 2)}-${data.slice(2, 4)}-${data.slice(4, 6)}`;
    } else if (/^310\d$/.test(ai)) {
      const decimals = Number(ai[3]);
      out.netWeightGrams = Math.round((Number(data) * 1000) / 10 ** decimals);
    } else if (/^392\d$/.test(ai)) {
      const decimals = Number(ai[3]);
      if (!/^\d+$/.test(data)) throw new Error(`price (${ai}) must be digits`);
      out.price = decimals <= 2 ? Number(data) * 10 ** (2 - decimals) : Math.round(Number(data) / 10 ** (decimals - 2));
    } else if (ai === '37') out.count = Number(data);
  }
  return out;
}
