// Print-form markup: what a template (LiquidJS) produces and the PDF renderer lays out. One block a
// line; blank lines are ignored.
//
//   # text                      the document's title (large, bold)
//   ## text                     a heading (bold)
//   text                        a paragraph; `bold | text`, `small | text` and `right | text` too
//   logo  /  logo | right       the company logo, if one was uploaded
//   columns … next … end        side-by-side columns (parties, addresses) of paragraphs and headings
//   table | Name *3 | Qty >     a table: header cells, `>` aligns a column right, `*N` widens it N times
//   row | … | …                 one row of the open table (as many cells as the header)
//   end                         closes the open table or columns
//   total | label | value       a line of the totals, right; `grand | label | value` in bold
//   rule   space   pagebreak    a thin line, a gap, a new page
//
// Whatever a placeholder prints is text, never markup: the template engine wraps each output in
// LITERAL_OPEN … LITERAL_CLOSE, and here a wrapped stretch is one token, so a customer named
// "# | row" prints as that name and cannot add a row, open a table or split a cell.

export const LITERAL_OPEN = '\uE000';
export const LITERAL_CLOSE = '\uE001';
const TOKEN = '\uE002';

export type Align = 'left' | 'right';

export type Block =
  | { kind: 'title' | 'heading' | 'paragraph' | 'bold' | 'small' | 'right'; text: string }
  | { kind: 'logo'; align: Align }
  | { kind: 'columns'; columns: Block[][] }
  | { kind: 'table'; columns: { title: string; align: Align; weight: number }[]; rows: string[][] }
  | { kind: 'total'; label: string; value: string; grand: boolean }
  | { kind: 'rule' | 'space' | 'pagebreak' };

/** A line of markup that cannot be laid out; `line` counts the markup's lines from 1. */
export class MarkupError extends Error {
  constructor(
    readonly line: number,
    readonly keyword: string,
    message: string,
  ) {
    super(message);
  }
}

/** A line with each literal stretch replaced by TOKEN, and the stretches in order. */
function shapeOf(line: string): { shape: string; literals: string[] } {
  const literals: string[] = [];
  let shape = '';
  let at = 0;
  while (at < line.length) {
    const open = line.indexOf(LITERAL_OPEN, at);
    if (open < 0) {
      shape += line.slice(at);
      break;
    }
    const close = line.indexOf(LITERAL_CLOSE, open);
    shape += line.slice(at, open) + TOKEN;
    literals.push(line.slice(open + 1, close < 0 ? line.length : close));
    at = close < 0 ? line.length : close + 1;
  }
  return { shape, literals };
}

/** Parses markup into blocks, or throws a MarkupError naming the line. */
export function parseMarkup(markup: string): Block[] {
  const root: Block[] = [];
  // What `end` closes: the open table, or the open columns (whose last column takes the blocks).
  let table: Extract<Block, { kind: 'table' }> | null = null;
  let columns: Extract<Block, { kind: 'columns' }> | null = null;
  let columnsLine = 0;
  let tableLine = 0;
  const lines = markup.replaceAll(LITERAL_CLOSE + LITERAL_OPEN, '').split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const { shape, literals } = shapeOf(raw);
    let next = 0;
    const expand = (part: string) => part.replaceAll(TOKEN, () => literals[next++] ?? '').replace(/\s+/g, ' ').trim();
    const trimmed = shape.trim();
    if (!trimmed) return;
    const keyword = /^[a-z#]+/.exec(trimmed)?.[0] ?? '';
    const cells = trimmed.split('|');
    const head = cells[0].trim();
    const fail = (message: string): never => {
      throw new MarkupError(lineNo, keyword, message);
    };
    const add = (block: Block) => {
      if (table) fail('only rows and `end` may stand inside a table');
      if (columns) {
        if (!['title', 'heading', 'paragraph', 'bold', 'small', 'right', 'logo', 'rule', 'space'].includes(block.kind)) fail(`a ${block.kind} cannot stand inside columns`);
        columns.columns.at(-1)!.push(block);
      } else root.push(block);
    };
    if (trimmed.startsWith('## ') || trimmed === '##') return add({ kind: 'heading', text: expand(trimmed.slice(2)) });
    if (trimmed.startsWith('# ') || trimmed === '#') return add({ kind: 'title', text: expand(trimmed.slice(1)) });
    if (cells.length > 1 && ['bold', 'small', 'right'].includes(head)) return add({ kind: head as 'bold', text: expand(cells.slice(1).join('|')) });
    switch (head) {
      case 'logo':
        return add({ kind: 'logo', align: cells[1]?.trim() === 'right' ? 'right' : 'left' });
      case 'rule':
      case 'space':
        return add({ kind: head });
      case 'pagebreak':
        if (columns) fail('a page cannot break inside columns');
        return add({ kind: 'pagebreak' });
      case 'columns':
        if (columns) fail('columns cannot be nested');
        add({ kind: 'columns', columns: [[]] });
        columns = root.at(-1) as Extract<Block, { kind: 'columns' }>;
        columnsLine = lineNo;
        return;
      case 'next':
        if (!columns) fail('`next` stands only inside columns');
        columns!.columns.push([]);
        if (columns!.columns.length > 4) fail('at most four columns');
        return;
      case 'table': {
        if (table) fail('a table is already open: close it with `end`');
        const header = cells.slice(1).map((cell) => {
          const weight = /\*\s*(\d+)/.exec(cell);
          return {
            align: (/>/.test(cell.replaceAll(TOKEN, '')) ? 'right' : 'left') as Align,
            weight: weight ? Math.min(Math.max(Number(weight[1]), 1), 20) : 1,
            title: expand(cell.replace(/\*\s*\d+/, '').replace(/>/g, '')),
          };
        });
        if (header.length === 0 || header.length > 12) fail('a table has from 1 to 12 columns: `table | Name | Qty >`');
        if (columns) fail('a table cannot stand inside columns');
        const block: Extract<Block, { kind: 'table' }> = { kind: 'table', columns: header, rows: [] };
        root.push(block);
        table = block;
        tableLine = lineNo;
        return;
      }
      case 'row': {
        if (!table) fail('a row stands only inside a table');
        const row = cells.slice(1).map(expand);
        if (row.length !== table!.columns.length) fail(`the row has ${row.length} cells, the table ${table!.columns.length} columns`);
        table!.rows.push(row);
        return;
      }
      case 'end':
        if (table) table = null;
        else if (columns) columns = null;
        else fail('`end` without an open table or columns');
        return;
      case 'total':
      case 'grand':
        if (cells.length !== 3) fail(`\`${head} | label | value\``);
        return add({ kind: 'total', label: expand(cells[1]), value: expand(cells[2]), grand: head === 'grand' });
      default:
        return add({ kind: 'paragraph', text: expand(trimmed) });
    }
  });
  if (table) throw new MarkupError(tableLine, 'table', 'the table is not closed with `end`');
  if (columns) throw new MarkupError(columnsLine, 'columns', 'the columns are not closed with `end`');
  return root;
}
