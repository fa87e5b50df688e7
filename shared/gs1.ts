// GS1 element strings as GS1-128, GS1 DataBar and GS1 DataMatrix scanners send them: application
// identifiers (AI) followed by their data; a field that is not of predefined length ends with GS
// (0x1D, FNC1) or the end of the code.

const GS = '\u001d';

/**
 * Every AI of the GS1 General Specifications, as the GS1 Barcode Syntax Dictionary (GS1 AISBL)
 * lists them: the AI or a range, "*" when its length is predefined (no GS after it; kept so the
 * table reads against the dictionary, though every fixed length is read alike), and its data as
 * components: N digits, X the GS1 82-character set, Y the 39-character set, Z base64url;
 * "N6" exactly six, "X..20" one to twenty, "[…]" an optional last component.
 */
const AI_TABLE = `
00 * N18|01 * N14|02 * N14|10 X..20|11 * N6|12 * N6|13 * N6|15 * N6|16 * N6|17 * N6|20 * N2|21 X..20|22 X..20
235 X..28|240 X..30|241 X..30|242 N..6|243 X..20|250 X..30|251 X..30|253 N13 [X..17]|254 X..20|255 N13 [N..12]|30 N..8
3100-3105 * N6|3110-3115 * N6|3120-3125 * N6|3130-3135 * N6|3140-3145 * N6|3150-3155 * N6|3160-3165 * N6
3200-3205 * N6|3210-3215 * N6|3220-3225 * N6|3230-3235 * N6|3240-3245 * N6|3250-3255 * N6|3260-3265 * N6|3270-3275 * N6
3280-3285 * N6|3290-3295 * N6|3300-3305 * N6|3310-3315 * N6|3320-3325 * N6|3330-3335 * N6|3340-3345 * N6|3350-3355 * N6
3360-3365 * N6|3370-3375 * N6|3400-3405 * N6|3410-3415 * N6|3420-3425 * N6|3430-3435 * N6|3440-3445 * N6|3450-3455 * N6
3460-3465 * N6|3470-3475 * N6|3480-3485 * N6|3490-3495 * N6|3500-3505 * N6|3510-3515 * N6|3520-3525 * N6|3530-3535 * N6
3540-3545 * N6|3550-3555 * N6|3560-3565 * N6|3570-3575 * N6|3600-3605 * N6|3610-3615 * N6|3620-3625 * N6|3630-3635 * N6
3640-3645 * N6|3650-3655 * N6|3660-3665 * N6|3670-3675 * N6|3680-3685 * N6|3690-3695 * N6|37 N..8
3900-3909 N..15|3910-3919 N3 N..15|3920-3929 N..15|3930-3939 N3 N..15|3940-3943 N4|3950-3955 N6
400 X..30|401 X..30|402 N17|403 X..30|410 * N13|411 * N13|412 * N13|413 * N13|414 * N13|415 * N13|416 * N13|417 * N13
420 X..20|421 N3 X..9|422 N3|423 N..15|424 N3|425 N..15|426 N3|427 X..3
4300 X..35|4301 X..35|4302 X..70|4303 X..70|4304 X..70|4305 X..70|4306 X..70|4307 X2|4308 X..30|4309 N10 N10
4310 X..35|4311 X..35|4312 X..70|4313 X..70|4314 X..70|4315 X..70|4316 X..70|4317 X2|4318 X..20|4319 X..30
4320 X..35|4321 N1|4322 N1|4323 N1|4324 N6 N4|4325 N6 N4|4326 N6|4330 N6 [X1]|4331 N6 [X1]|4332 N6 [X1]|4333 N6 [X1]
7001 N13|7002 X..30|7003 N6 N4|7004 N..4|7005 X..12|7006 N6|7007 N6 [N6]|7008 X..3|7009 X..10|7010 X..2|7011 N6 [N4]
7020 X..20|7021 X..20|7022 X..20|7023 X..30|7030-7039 N3 X..27|7040 N1 X1 X1 X1|710-715 X..20
7230-7239 X2 X..28|7240 X..20|7241 N2|7242 X..25
8001 N4 N5 N3 N1 N1|8002 X..20|8003 N1 N13 [X..16]|8004 X..30|8005 N6|8006 N14 N4|8007 X..34|8008 N8 [N..4]|8009 X..50
8010 Y..30|8011 N..12|8012 X..20|8013 X..25|8017 N18|8018 N18|8019 N..10|8020 X..25|8026 N14 N4|8030 Z..90
8110 X..70|8111 N4|8112 X..70|8200 X..70|90 X..30|91-99 X..90`;

/** AIs whose last digit is the number of decimals (31nn–36nn measures, 39nn amounts and prices). */
const WITH_DECIMALS = /^(3[1-6]\d\d|39\d\d)$/;

export interface AiFormat {
  minLength: number;
  maxLength: number;
  /** The AI's last digit places the decimal point in its number. */
  decimals: boolean;
  pattern: RegExp;
}

const CHARSETS: Record<string, string> = {
  N: '0-9',
  X: `!"%&'()*+,\\-./0-9:;<=>?A-Z_a-z`,
  Y: '#\\-/0-9A-Z',
  Z: '\\-0-9A-Z_a-z=',
};

function formatOf(ai: string, components: string[]): Omit<AiFormat, 'decimals'> {
  let minLength = 0;
  let maxLength = 0;
  let source = '';
  for (const component of components) {
    const m = /^(\[)?([NXYZ])(\.\.)?(\d+)\]?$/.exec(component);
    if (!m) throw new Error(`bad AI table entry for ${ai}: ${component}`);
    const [, optional, type, variable, n] = m;
    const max = Number(n);
    const min = variable ? 1 : max;
    source += optional ? `(?:[${CHARSETS[type]}]{${min},${max}})?` : `[${CHARSETS[type]}]{${min},${max}}`;
    if (!optional) minLength += min;
    maxLength += max;
  }
  return { minLength, maxLength, pattern: new RegExp(`^${source}$`) };
}

const FORMATS: ReadonlyMap<string, AiFormat> = (() => {
  const formats = new Map<string, AiFormat>();
  for (const entry of AI_TABLE.trim().split(/[|\n]/)) {
    const [range, ...rest] = entry.trim().split(/\s+/);
    const format = formatOf(range, rest[0] === '*' ? rest.slice(1) : rest);
    const [from, to = from] = range.split('-');
    for (let n = Number(from); n <= Number(to); n++) {
      const ai = String(n).padStart(from.length, '0');
      formats.set(ai, { ...format, decimals: WITH_DECIMALS.test(ai) });
    }
  }
  return formats;
})();

/** The format of an AI, or undefined for one the General Specifications do not define. */
export function aiFormat(ai: string): AiFormat | undefined {
  return FORMATS.get(ai);
}

export interface Gs1Element {
  /** The AI, or null for data after an AI the specifications do not define (kept as it came, to the next GS). */
  ai: string | null;
  data: string;
}

export interface Gs1Data {
  /** Normalised for look-up: EAN-13 when the GTIN-14 starts with 0, else the GTIN-14. */
  gtin?: string;
  lot?: string;
  serial?: string;
  /** From AI 17 (YYYY-MM-DD; day 00 is the month's last day) or AI 7003 (YYYY-MM-DDTHH:MM). */
  expiry?: string;
  /** From AI 310n (kilograms with n decimals), as integer grams. */
  netWeightGrams?: number;
  /** From AI 392n (price with n decimals, in the outlet's currency), as minor units with 2 decimals. */
  price?: number;
  count?: number;
  /** Every element in order, unknown ones included. */
  elements: Gs1Element[];
}

const SYMBOLOGY = /^\](C1|e0|d2|Q3|J1)/;

/** Whether scanned text looks like a GS1 element string rather than a plain EAN or UPC. */
export function isGs1(text: string): boolean {
  return SYMBOLOGY.test(text) || text.includes(GS) || /^01\d{14}(1[0-7]|21|3\d{3}|37)/.test(text);
}

/** The AI at the start of the text: the General Specifications' AIs are prefix-free, so at most one of 2, 3 or 4 digits matches. */
function readAi(text: string): string | null {
  for (const length of [2, 3, 4]) {
    const ai = text.slice(0, length);
    if (/^\d+$/.test(ai) && FORMATS.has(ai)) return ai;
  }
  return null;
}

/**
 * Parses a GS1 element string. An AI the specifications do not define is kept as unknown data up
 * to the next GS; a known AI whose data breaks its format throws, naming it.
 */
export function parseGs1(raw: string, today: Date = new Date()): Gs1Data {
  let text = raw.replace(SYMBOLOGY, '');
  if (text.startsWith(GS)) text = text.slice(1);
  const elements: Gs1Element[] = [];
  while (text.length) {
    const ai = readAi(text);
    if (!ai) {
      const end = text.indexOf(GS);
      elements.push({ ai: null, data: end === -1 ? text : text.slice(0, end) });
      text = end === -1 ? '' : text.slice(end + 1);
      continue;
    }
    const format = FORMATS.get(ai)!;
    text = text.slice(ai.length);
    let data: string;
    if (format.minLength === format.maxLength) {
      data = text.slice(0, format.maxLength);
      text = text.slice(format.maxLength);
      if (text.startsWith(GS)) text = text.slice(1);
    } else {
      const end = text.indexOf(GS);
      data = end === -1 ? text : text.slice(0, end);
      text = end === -1 ? '' : text.slice(end + 1);
    }
    if (data.length < format.minLength || data.length > format.maxLength) {
      const length = format.minLength === format.maxLength ? `${format.maxLength}` : `${format.minLength} to ${format.maxLength}`;
      throw new Error(`AI (${ai}) needs ${length} characters, not ${data.length}`);
    }
    if (!format.pattern.test(data)) throw new Error(`AI (${ai}) has characters its format does not allow`);
    elements.push({ ai, data });
  }
  return interpret(elements, today);
}

/** The four-digit year of a two-digit GS1 year: within 49 years ahead or 50 behind today (General Specifications 7.12). */
export function gs1Year(yy: number, today: Date = new Date()): number {
  const year = today.getUTCFullYear();
  const century = year - (year % 100);
  const diff = yy - (year % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** YYMMDD as YYYY-MM-DD; day 00 means the last day of the month. */
function gs1Date(ai: string, yymmdd: string, today: Date): string {
  const year = gs1Year(Number(yymmdd.slice(0, 2)), today);
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day > daysInMonth) throw new Error(`AI (${ai}) is not a date: ${yymmdd}`);
  if (day === 0) day = daysInMonth;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function interpret(elements: Gs1Element[], today: Date): Gs1Data {
  const out: Gs1Data = { elements };
  for (const { ai, data } of elements) {
    if (ai === '01' || ai === '02') out.gtin = data.startsWith('0') ? data.slice(1) : data;
    else if (ai === '10') out.lot = data;
    else if (ai === '21') out.serial = data;
    else if (ai === '17') out.expiry = gs1Date(ai, data, today);
    else if (ai === '7003') {
      const [hh, mm] = [Number(data.slice(6, 8)), Number(data.slice(8, 10))];
      if (hh > 23 || mm > 59) throw new Error(`AI (7003) is not a time: ${data.slice(6)}`);
      out.expiry = `${gs1Date(ai, data.slice(0, 6), today)}T${data.slice(6, 8)}:${data.slice(8, 10)}`;
    } else if (ai?.startsWith('310')) out.netWeightGrams = Math.round((Number(data) * 1000) / 10 ** Number(ai[3]));
    else if (ai?.startsWith('392')) {
      const decimals = Number(ai[3]);
      out.price = decimals <= 2 ? Number(data) * 10 ** (2 - decimals) : Math.round(Number(data) / 10 ** (decimals - 2));
    } else if (ai === '37') out.count = Number(data);
  }
  return out;
}

/**
 * Whether goods with this expiry may no longer be sold at a local time ("YYYY-MM-DDTHH:MM…"): a
 * date expires when its day is over, a date and time (7003) at that minute.
 */
export function isExpired(expiry: string, localNow: string): boolean {
  return expiry.length > 10 ? expiry <= localNow.slice(0, 16) : expiry < localNow.slice(0, 10);
}
