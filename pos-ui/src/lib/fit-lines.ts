import type { Attachment } from 'svelte/attachments';

/** The sizes a label may take (a fraction of its own size, and the lines it may fill): a long name is drawn smaller, then on as many lines as it needs. */
const STEPS = [
  { scale: 1, lines: '3' },
  { scale: 0.9, lines: '3' },
  { scale: 0.8, lines: '4' },
  { scale: 0.8, lines: 'none' },
];

/**
 * Shrinks a line-clamped label's text (`--fit`, `--lines` in its style), step by step, until all of
 * it fits in its lines: a name is never cut, a very long one makes its tile taller. Measured again
 * when the label's width changes (another tablet, a turned screen) and when its text does (`text`:
 * a name's soft hyphens arrive once its language's patterns are fetched).
 */
export function fitLines(text: string): Attachment<HTMLElement> {
  return (node) => {
    void text;
    let width = -1;
    const fit = () => {
      for (const { scale, lines } of STEPS) {
        node.style.setProperty('--fit', String(scale));
        node.style.setProperty('--lines', lines);
        // A hidden line is a whole line's height below the box; a glyph's overhang is a few pixels.
        if (node.scrollHeight - node.clientHeight < parseFloat(getComputedStyle(node).lineHeight) / 2) return;
      }
    };
    // Its first notice comes once the label is laid out, before it is painted: that is the first fit.
    const observer = new ResizeObserver(([entry]) => {
      if (entry.contentRect.width === width) return;
      width = entry.contentRect.width;
      fit();
    });
    observer.observe(node);
    return () => observer.disconnect();
  };
}
