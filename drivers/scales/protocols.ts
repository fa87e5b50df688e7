// Serial scale protocols (devices.md). Each turns what the scale sends into a reading in integer
// grams; request-response protocols also say what to send to ask for the weight, zero and tare.

export type ScaleState = 'stable' | 'motion' | 'overload' | 'underload' | 'error';

export interface WeightReading {
  state: ScaleState;
  /** Integer grams; null when the scale gives no number (overload, error, busy). */
  grams: number | null;
}

export interface ScaleProtocol {
  name: string;
  /** Bytes that end one message from the scale. */
  delimiter: string;
  /** What to send to ask for the weight; null for scales that stream on their own. */
  request: string | null;
  zero: string | null;
  tare: string | null;
  parse(message: string): WeightReading | null;
}

/** "1.234", "+ 0.500kg", "100.00 g", "2.20 lb" → grams (pounds are converted exactly to the gram). */
export function toGrams(value: string, unit: string): number | null {
  const m = /^([+-]?)\s*(\d+)(?:[.,](\d+))?$/.exec(value.trim());
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  const scaled = Number(whole + fraction);
  const decimals = fraction.length;
  const factor = unit.toLowerCase() === 'g' ? 1 : unit.toLowerCase() === 'lb' ? 453.59237 : 1000;
  const grams = Math.round((scaled * factor) / 10 ** decimals);
  return sign === '-' ? -grams : grams;
}

/** Mettler Toledo 8217 / SASI (9600 7E1): "W" → STX weight CR, or STX "?" status CR. */
export const TOLEDO_8217: ScaleProtocol = {
  name: 'toledo',
  delimiter: '\r',
  request: 'W',
  zero: 'Z',
  tare: 'T',
  parse(message) {
    const text = message.replace(/^\x02/, '');
    if (text.startsWith('?')) {
      const status = text.charCodeAt(1);
      if (status & 0x02) return { state: 'overload', grams: null };
      if (status & 0x04) return { state: 'underload', grams: null };
      if (status & 0x01) return { state: 'motion', grams: null };
      return { state: 'error', grams: null };
    }
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*(kg|lb|g)?\s*$/i.exec(text);
    if (!m) return null;
    const grams = toGrams(m[1], m[2] ?? 'kg');
    return grams === null ? null : { state: grams < 0 ? 'underload' : 'stable', grams };
  },
};

/** MT-SICS (CR LF): "SI" → "S S     100.00 g" stable, "S D …" dynamic, "S I" busy, "S +"/"S -" over/under load. */
export const MT_SICS: ScaleProtocol = {
  name: 'mt-sics',
  delimiter: '\r\n',
  request: 'SI\r\n',
  zero: 'Z\r\n',
  tare: 'T\r\n',
  parse(message) {
    const m = /^S\s+([SDI+-])\s*(?:([+-]?\s*\d+(?:\.\d+)?)\s*(\w+))?\s*$/.exec(message.trim());
    if (!m) return null;
    const [, status, value, unit] = m;
    if (status === '+') return { state: 'overload', grams: null };
    if (status === '-') return { state: 'underload', grams: null };
    if (status === 'I' || !value) return { state: 'error', grams: null };
    const grams = toGrams(value.replace(/\s+/g, ''), unit);
    return grams === null ? null : { state: status === 'S' ? 'stable' : 'motion', grams };
  },
};

/**
 * CAS continuous output, in either frame its indicators send (CI-series manuals, "Data format"):
 * the AND-style 18 bytes `ST,GS,+001.234kg` CR LF, and CAS's own 22 bytes `ST,GS,` + device id
 * byte + lamp status byte + `,` + 8 bytes of weight + a space + the unit + CR LF. ST stable, US
 * unstable, OL overload; GS gross, NT net.
 */
export const CAS_STREAM: ScaleProtocol = {
  name: 'cas',
  delimiter: '\r\n',
  request: null,
  zero: null,
  tare: null,
  parse(message) {
    const cas = /^(ST|US|OL),(GS|NT),[\s\S]{2},([ +\-\d.]{8}) ?(kg|g|lb|t)$/i.exec(message);
    const and = cas ? null : /^(ST|US|OL),(?:GS|NT|TR),\s*([+-])?\s*([\d.]+)\s*(kg|g|lb)\s*$/i.exec(message.trim());
    if (!cas && !and) return null;
    const status = (cas ?? and)![1].toUpperCase();
    if (status === 'OL') return { state: 'overload', grams: null };
    const grams = cas ? toGrams(cas[3].replace(/\s+/g, ''), cas[4]) : toGrams(`${and![2] ?? '+'}${and![3]}`, and![4]);
    if (grams === null) return null;
    return { state: grams < 0 ? 'underload' : status === 'ST' ? 'stable' : 'motion', grams };
  },
};

/**
 * Mettler Toledo's standard continuous output (e.g. the Wildcat technical manual, appendix 2):
 * STX, status words A B C, six digits of displayed weight, six of tare, CR and an optional
 * checksum, about seven times a second. Frames are cut at STX, so a checksum lands at the end of
 * its own frame and is checked there: the two's complement of the seven-bit sum of STX to CR.
 * SWA bits 0–2 place the decimal point (0: two dummy zeros … 2: none … 7: five decimals);
 * SWB bit 1 negative, bit 2 out of range, bit 3 in motion, bit 4 kg (else lb); SWC bit 0 grams.
 */
export const TOLEDO_CONTINUOUS: ScaleProtocol = {
  name: 'toledo-continuous',
  delimiter: '\x02',
  request: null,
  zero: null,
  tare: null,
  parse(message) {
    const m = /^([\s\S])([\s\S])([\s\S])([\d ]{6})([\d ]{6})?\r([\s\S])?$/.exec(message);
    if (!m) return null;
    const [, a, b, c, shown, , checksum] = m;
    if (checksum !== undefined) {
      let sum = 0x02;
      for (const ch of message.slice(0, -1)) sum += ch.charCodeAt(0) & 0x7f;
      if (((-sum) & 0x7f) !== (checksum.charCodeAt(0) & 0x7f)) return null;
    }
    const [swa, swb, swc] = [a, b, c].map((ch) => ch.charCodeAt(0));
    if (swb & 0x04) return { state: swb & 0x02 ? 'underload' : 'overload', grams: null };
    const position = swa & 0x07;
    const digits = Number(shown.replace(/ /g, '0'));
    // Position 0 and 1 mean the display ends in two or one dummy zeros; 2 and up, position − 2 decimals.
    const value = position < 2 ? digits * 10 ** (2 - position) : digits / 10 ** (position - 2);
    const unit = swc & 0x01 ? 'g' : swb & 0x10 ? 'kg' : 'lb';
    const grams = toGrams(((swb & 0x02 ? -1 : 1) * value).toFixed(Math.max(0, position - 2)), unit);
    if (grams === null) return null;
    return { state: grams < 0 ? 'underload' : swb & 0x08 ? 'motion' : 'stable', grams };
  },
};

/**
 * RADWAG's communication protocol (R-series and PUE manuals, "Mass frame"): "SI" CR LF asks for
 * the weight now; the answer's columns are 1–2 the command, 3 space, 4 the stability marker (space
 * when stable, "?" when not), 5 space, 6 the sign ("-" or space), 7–15 the mass, 16 space, 17–19
 * the unit, then CR LF. "SI I" means the scale cannot answer now. "Z" and "T" zero and tare.
 */
export const RADWAG: ScaleProtocol = {
  name: 'radwag',
  delimiter: '\r\n',
  request: 'SI\r\n',
  zero: 'Z\r\n',
  tare: 'T\r\n',
  parse(message) {
    if (/^SI I\s*$/.test(message)) return { state: 'error', grams: null };
    const m = /^SI ([ ?]) ([ -])(.{9}) (.{3})$/.exec(message);
    if (!m) return null;
    const [, marker, sign, mass, unit] = m;
    const grams = toGrams(`${sign.trim()}${mass.trim()}`, unit.trim());
    if (grams === null) return { state: 'error', grams: null };
    return { state: grams < 0 ? 'underload' : marker === ' ' ? 'stable' : 'motion', grams };
  },
};

export const SCALE_PROTOCOLS: Record<string, ScaleProtocol> = { toledo: TOLEDO_8217, 'mt-sics': MT_SICS, cas: CAS_STREAM, 'toledo-continuous': TOLEDO_CONTINUOUS, radwag: RADWAG };
