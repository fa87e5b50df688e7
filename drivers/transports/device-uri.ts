/**
 * Where a device is, as a CUPS-style URI: socket://host:port, file:/dev/usb/lp0,
 * serial:/dev/ttyUSB0?baud=19200. The query carries what the device is (?model=epson-tm-t88vi).
 */
export type DeviceAddress =
  | { transport: 'socket'; host: string; port: number; params: Record<string, string> }
  | { transport: 'file'; path: string; params: Record<string, string> }
  | { transport: 'serial'; path: string; baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' | 'odd'; stopBits: 1 | 2; params: Record<string, string> };

/** Parses a device URI; throws an error whose message says what is wrong with it. */
export function parseDeviceUri(uri: string, defaultPort = 9100): DeviceAddress {
  const socket = /^socket:\/\/([^:/?#]+)(?::(\d{1,5}))?\/?(?:\?(.*))?$/.exec(uri);
  if (socket) {
    const port = Number(socket[2] ?? defaultPort);
    if (port < 1 || port > 65535) throw new Error(`port ${port} is out of range`);
    return { transport: 'socket', host: socket[1], port, params: Object.fromEntries(new URLSearchParams(socket[3] ?? '')) };
  }
  const file = /^file:(\/[^?#]+)(?:\?(.*))?$/.exec(uri);
  if (file) return { transport: 'file', path: file[1], params: Object.fromEntries(new URLSearchParams(file[2] ?? '')) };
  const serial = /^serial:(\/[^?#]+)(?:\?(.*))?$/.exec(uri);
  if (serial) {
    const params = Object.fromEntries(new URLSearchParams(serial[2] ?? ''));
    const baudRate = Number(params.baud ?? 9600);
    if (![1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(baudRate)) throw new Error(`baud ${params.baud} is not a serial speed`);
    // "7E1" style framing, as scale manuals write it.
    const framing = /^([78])([NEO])([12])$/i.exec(params.framing ?? '8N1');
    if (!framing) throw new Error(`framing ${params.framing} is not like 8N1 or 7E1`);
    const parity = ({ N: 'none', E: 'even', O: 'odd' } as const)[framing[2].toUpperCase() as 'N' | 'E' | 'O'];
    return { transport: 'serial', path: serial[1], baudRate, dataBits: Number(framing[1]) as 7 | 8, parity, stopBits: Number(framing[3]) as 1 | 2, params };
  }
  throw new Error(`"${uri}" is not a device URI such as socket://192.168.1.50:9100, file:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=19200`);
}
