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

/** CAS continuous output: "ST,GS,+  1.500kg" (ST stable, US unstable, OL overload). */
export const CAS_STREAM: ScaleProtocol = {
  name: 'cas',
  delimiter: '\r\n',
  request: null,
  zero: null,
  tare: null,
  parse(message) {
    const m = /^(ST|US|OL),(?:GS|NT|TR),\s*([+-])?\s*([\d.]+)\s*(kg|g|lb)\s*$/i.exec(message.trim());
    if (!m) return null;
    const [, status, sign = '+', value, unit] = m;
    if (status.toUpperCase() === 'OL') return { state: 'overload', grams: null };
    const grams = toGrams(`${sign}${value}`, unit);
    if (grams === null) return null;
    return { state: grams < 0 ? 'underload' : status.toUpperCase() === 'ST' ? 'stable' : 'motion', grams };
  },
};

export const SCALE_PROTOCOLS: Record<string, ScaleProtocol> = { toledo: TOLEDO_8217, 'mt-sics': MT_SICS, cas: CAS_STREAM };
