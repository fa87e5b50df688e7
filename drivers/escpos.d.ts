declare module 'escpos/commands.js' {
  /** ESC/POS command byte strings from the escpos package (one char per byte). */
  const commands: Record<string, Record<string, string> | string>;
  export default commands;
}
