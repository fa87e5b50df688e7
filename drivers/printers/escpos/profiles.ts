/** Code pages this driver can encode text in (iconv-lite names). */
export type CodePageName = 'cp437' | 'cp850' | 'cp852' | 'cp866' | 'cp1250' | 'cp1251' | 'cp1252' | 'cp1257' | 'cp775';

/** What a printer model can do; code-page numbers differ by vendor (devices.md). */
export interface PrinterProfile {
  id: string;
  name: string;
  /** Characters per line in font A. */
  columns: number;
  /** Printable width in dots. */
  dots: number;
  /** ESC t numbers of the code pages the printer has, in order of preference. */
  codePages: Partial<Record<CodePageName, number>>;
  /** Answers DLE EOT real-time status requests. */
  hasStatus: boolean;
  hasPartialCut: boolean;
  hasQr: boolean;
  /** Prints GB18030 text in Chinese mode (FS &). */
  hasChineseMode: boolean;
}

export const PROFILES: Record<string, PrinterProfile> = {
  'epson-generic': {
    id: 'epson-generic',
    name: 'Epson TM-T20/T88 compatible, 80 mm',
    columns: 48,
    dots: 576,
    codePages: { cp437: 0, cp850: 2, cp852: 18, cp866: 17, cp1252: 16, cp1250: 45, cp1251: 46, cp1257: 25, cp775: 33 },
    hasStatus: true,
    hasPartialCut: true,
    hasQr: true,
    hasChineseMode: false,
  },
  'clone-80': {
    id: 'clone-80',
    name: 'Common Chinese 80 mm clone (Xprinter, HPRT, Rongta)',
    columns: 48,
    dots: 576,
    codePages: { cp437: 0, cp850: 2, cp866: 17, cp1252: 16, cp1251: 73, cp1250: 72, cp1257: 74 },
    hasStatus: true,
    hasPartialCut: false,
    hasQr: false,
    hasChineseMode: true,
  },
  'clone-58': {
    id: 'clone-58',
    name: 'Common Chinese 58 mm clone',
    columns: 32,
    dots: 384,
    codePages: { cp437: 0, cp866: 17, cp1251: 73 },
    hasStatus: false,
    hasPartialCut: false,
    hasQr: false,
    hasChineseMode: true,
  },
};

export function getProfile(id: string): PrinterProfile {
  const profile = PROFILES[id];
  if (!profile) throw new Error(`Unknown printer profile "${id}"; known: ${Object.keys(PROFILES).join(', ')}`);
  return profile;
}
