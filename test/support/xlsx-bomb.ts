import zlib from 'node:zlib';

/**
 * Genuine XLSX files (zip containers written by hand: local headers, central directory, CRC-32)
 * whose shared strings unpack to far more than the file weighs, as an attacker makes them: a
 * repetitive unit is deflated once and its bytes repeated, so gigabytes cost megabytes.
 */

/** A zip part: deflated bytes (segments, one of them maybe repeated), CRC-32 and size of what they unpack to. */
export interface ZipPart {
  name: string;
  deflated: Buffer[];
  crc: number;
  size: number;
}

const FLUSHED = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };

export function part(name: string, text: string): ZipPart {
  const bytes = Buffer.from(text, 'utf8');
  return { name, deflated: [zlib.deflateRawSync(bytes, { level: 9 })], crc: zlib.crc32(bytes), size: bytes.length };
}

/**
 * `head`, then `unit` `times` over, then `tail`. Every segment is deflated on its own and fully
 * flushed (byte-aligned, no back-references out of it), so the segments chain into one valid
 * deflate stream; the unit's segment is the same bytes each time.
 */
export function repeatedPart(name: string, head: string, unit: string, times: number, tail: string): ZipPart {
  const [h, u, t] = [head, unit, tail].map((s) => Buffer.from(s, 'utf8'));
  const unitSegment = zlib.deflateRawSync(u, FLUSHED);
  const deflated = [zlib.deflateRawSync(h, FLUSHED), ...Array.from({ length: times }, () => unitSegment), zlib.deflateRawSync(t, { level: 9 })];
  let crc = zlib.crc32(h);
  crc = crc32Combine(crc, crc32Repeat(zlib.crc32(u), u.length, times), u.length * times);
  crc = crc32Combine(crc, zlib.crc32(t), t.length);
  return { name, deflated, crc, size: h.length + u.length * times + t.length };
}

// CRC-32 of concatenations without reading the bytes again: zlib's crc32_combine (GF(2) matrices).
function gf2Times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i];
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(matrix, matrix[n]);
}

/** The CRC-32 of A followed by B, from their CRCs and B's length. */
function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crcA;
  let length = lengthB;
  for (;;) {
    gf2Square(even, odd);
    if (length % 2) crc = gf2Times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    gf2Square(odd, even);
    if (length % 2) crc = gf2Times(odd, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

/** The CRC-32 of a unit repeated `times` over, by doubling. */
function crc32Repeat(unitCrc: number, unitLength: number, times: number): number {
  let result = 0;
  let power = { crc: unitCrc, length: unitLength };
  for (let n = times; n > 0; n = Math.floor(n / 2)) {
    if (n % 2) result = crc32Combine(result, power.crc, power.length);
    power = { crc: crc32Combine(power.crc, power.crc, power.length), length: power.length * 2 };
  }
  return result;
}

/** A zip of the parts. `declare` makes a part's headers claim another unpacked size (a lying file). */
export function zip(parts: ZipPart[], declare: Record<string, number> = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const compressed = p.deflated.reduce((n, b) => n + b.length, 0);
    const size = declare[p.name] ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    local.copy(entry, 6, 4, 30); // version needed … name length, extra length
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    chunks.push(local, name, ...p.deflated);
    offset += local.length + name.length + compressed;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The parts of a one-sheet workbook besides the shared strings, with `sheetData` as the sheet's rows. */
function workbookParts(sheetData: string): ZipPart[] {
  const type = (name: string, kind: string) => `<Override PartName="/xl/${name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`;
  return [
    part(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${type('workbook.xml', 'sheet.main')}${type('worksheets/sheet1.xml', 'worksheet')}${type('sharedStrings.xml', 'sharedStrings')}</Types>`,
    ),
    part('_rels/.rels', `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    part('xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`),
  ];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** Rows of one column, row n showing shared string n - 1. */
const sharedStringColumn = (count: number) => Array.from({ length: count }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('');
const sharedStringsHead = (strings: string[], count: number) =>
  `${XML}<sst xmlns="${MAIN}" count="${count}" uniqueCount="${count}">${strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}`;

/**
 * An XLSX with a "Name" column and `names` in it, whose shared strings go on after them with
 * `fillers` strings of `chars` characters each (the bomb): `perSegment` of them are deflated once,
 * and that segment repeated. `declare` makes the zip's headers claim other unpacked sizes.
 */
export function xlsxWithSharedStrings(names: string[], bomb: { fillers: number; chars: number; perSegment?: number; declare?: Record<string, number> }): Buffer {
  const shown = ['Name', ...names];
  const perSegment = bomb.perSegment ?? 1;
  const segments = Math.ceil(bomb.fillers / perSegment);
  const unit = `<si><t>${'A'.repeat(bomb.chars)}</t></si>`.repeat(perSegment);
  const strings = repeatedPart('xl/sharedStrings.xml', sharedStringsHead(shown, shown.length + segments * perSegment), unit, segments, '</sst>');
  return zip([...workbookParts(sharedStringColumn(shown.length)), strings], bomb.declare);
}

/** An XLSX whose sheet holds `sheetData` as its rows, and whose shared strings are `strings`. */
export function xlsxWithSheet(sheetData: string, strings: string[] = []): Buffer {
  return zip([...workbookParts(sheetData), part('xl/sharedStrings.xml', `${sharedStringsHead(strings, strings.length)}</sst>`)]);
}

/** An XLSX of a "Name" column showing `strings`. */
export const xlsxOfNames = (strings: string[]) => xlsxWithSheet(sharedStringColumn(strings.length + 1), ['Name', ...strings]);

/** The unpacked size of a zip's part as its central directory states it, and its packed size. */
export function declaredSizes(file: Buffer, name: string): { packed: number; unpacked: number } {
  let at = file.readUInt32LE(file.length - 6); // the central directory's offset, from the end record
  while (file.readUInt32LE(at) === 0x02014b50) {
    const nameLength = file.readUInt16LE(at + 28);
    const entryName = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entryName === name) return { packed: file.readUInt32LE(at + 20), unpacked: file.readUInt32LE(at + 24) };
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the zip`);
}
