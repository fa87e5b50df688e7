import { SerialPort } from 'serialport';

/** What a fake scale sends, each as its manual lays it out. */
export type FakeScaleFormat =
  /** Toledo 8217: "W" → STX weight CR, or STX "?" status CR. */
  | 'toledo'
  /** MT-SICS: "SI" → "S S     0.735 kg" CR LF. */
  | 'mt-sics'
  /** CAS indicators' AND-style 18 bytes: "ST,GS,+000.735kg" CR LF. */
  | 'cas'
  /** CAS CI-series 22 bytes: "ST,GS," device id, lamp byte, ",", 8 bytes of weight, " kg" CR LF. */
  | 'cas-22'
  /** Mettler Toledo standard continuous: STX SWA SWB SWC, 6 digits weight, 6 digits tare, CR, checksum. */
  | 'toledo-continuous'
  /** RADWAG: "SI" → "SI", space, stability marker, space, sign, 9 columns of mass, space, 3 of unit, CR LF. */
  | 'radwag';

const STREAMING: FakeScaleFormat[] = ['cas', 'cas-22', 'toledo-continuous'];

/**
 * A scale on the peer end of a pty pair. Tests set what lies on the platter; the fake answers
 * requests (or streams) as the real scale would, and records zero and tare commands.
 */
export class FakeScale {
  grams = 0;
  stable = true;
  overload = false;
  readonly commands: string[] = [];
  #port: SerialPort;
  #stream: ReturnType<typeof setInterval> | null = null;

  private constructor(
    port: SerialPort,
    readonly format: FakeScaleFormat,
  ) {
    this.#port = port;
    let buffer = '';
    port.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      const tokens = format === 'toledo' ? buffer.split('') : buffer.split('\r\n');
      buffer = format === 'toledo' ? '' : tokens.pop()!;
      for (const token of tokens) this.#answer(token);
    });
    if (STREAMING.includes(format)) this.#stream = setInterval(() => port.write(this.frame()), 50);
  }

  static async open(path: string, format: FakeScaleFormat): Promise<FakeScale> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new FakeScale(port, format);
  }

  #kg(): string {
    return (this.grams / 1000).toFixed(3);
  }

  #answer(request: string): void {
    if (this.format === 'toledo') {
      if (request === 'W') {
        const status = this.overload ? 0x22 : !this.stable ? 0x21 : null;
        this.#port.write(status === null ? `\x02${this.#kg().padStart(6, '0')}\r` : `\x02?${String.fromCharCode(status)}\r`);
      } else if (request === 'Z' || request === 'T') this.commands.push(request);
      return;
    }
    if (this.format === 'radwag') {
      // Overload is shown as "SI I" here: the manual's mass frame has no overload form.
      if (request === 'SI') this.#port.write(this.overload ? 'SI I\r\n' : `SI ${this.stable ? ' ' : '?'}  ${this.#kg().padStart(9)} kg \r\n`);
      else if (request) this.commands.push(request);
      return;
    }
    if (this.format !== 'mt-sics') return;
    if (request === 'SI' || request === 'S') {
      const line = this.overload ? 'S +' : `S ${this.stable ? 'S' : 'D'} ${this.#kg().padStart(10)} kg`;
      this.#port.write(`${line}\r\n`);
    } else if (request) this.commands.push(request);
  }

  /** The bytes of one streamed frame as the scale sends it now. */
  frame(): Buffer {
    const status = this.overload ? 'OL' : this.stable ? 'ST' : 'US';
    if (this.format === 'cas') return Buffer.from(`${status},GS,+${this.#kg().padStart(7, '0')}kg\r\n`, 'latin1');
    if (this.format === 'cas-22') {
      // Lamp status byte: bit 7 always 1, bit 6 stable, bit 2 gross weight.
      const lamp = 0x80 | (this.stable && !this.overload ? 0x40 : 0) | 0x04;
      const frame = Buffer.concat([Buffer.from(`${status},GS,`, 'latin1'), Buffer.from([0x31, lamp]), Buffer.from(`,${this.#kg().padStart(8, '0')} kg\r\n`, 'latin1')]);
      if (frame.length !== 22) throw new Error(`a CAS frame is 22 bytes, not ${frame.length}`);
      return frame;
    }
    // SWA: bit 5 always 1, bit 3 increment ×1, bits 0–2 = 5: three decimals (XXX.XXX).
    const swa = 0x20 | 0x08 | 0x05;
    // SWB: bit 5 always 1, bit 4 kg, bit 3 motion, bit 2 out of range.
    const swb = 0x20 | 0x10 | (this.stable ? 0 : 0x08) | (this.overload ? 0x04 : 0);
    const swc = 0x20;
    const body = Buffer.concat([Buffer.from([0x02, swa, swb, swc]), Buffer.from(`${String(this.grams).padStart(6, '0')}000000\r`, 'latin1')]);
    // Checksum: the two's complement of the seven low bits of the sum of everything before it.
    const sum = body.reduce((total, byte) => total + (byte & 0x7f), 0);
    return Buffer.concat([body, Buffer.from([(-sum) & 0x7f])]);
  }

  async close(): Promise<void> {
    if (this.#stream) clearInterval(this.#stream);
    await new Promise<void>((resolve) => (this.#port.isOpen ? this.#port.close(() => resolve()) : resolve()));
  }
}
