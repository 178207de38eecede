import { defaultStrings, type LlmChatStrings } from '../i18n.js';

/** The table tools' texts (keys of `LlmChatStrings`). */
export type TableStrings = Partial<Pick<LlmChatStrings, 'tableTools' | Action | 'copied'>>;

const ACTIONS = ['copyTableMarkdown', 'copyTableCsv', 'downloadTableCsv'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * Puts each table of a frozen block in a horizontal scroller after its tools: copy as Markdown,
 * copy as CSV, download CSV (native buttons: focusable, Enter and Space work).
 */
export function decorateTables(block: Element, strings: TableStrings = defaultStrings): void {
  for (const table of block.querySelectorAll('table')) {
    if (table.parentElement?.className === 'table-block') continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'table-block';
    const tools = document.createElement('div');
    Object.assign(tools, { role: 'group', ariaLabel: strings.tableTools ?? '' }).setAttribute('part', 'table-tools');
    for (const value of ACTIONS) {
      const button = Object.assign(document.createElement('button'), {
        type: 'button',
        className: 'table-button',
        value,
        textContent: strings[value] ?? '',
      });
      button.setAttribute('part', 'table-button');
      tools.append(button);
    }
    table.replaceWith(wrapper);
    wrapper.append(tools, table);
  }
}

const cells = (table: HTMLTableElement, escape: (cell: string) => string) =>
  [...table.rows].map((row) =>
    [...row.cells].map((cell) => escape((cell.textContent ?? '').trim().replace(/\s+/g, ' '))),
  );

/** RFC 4180: a field holding a comma or a quote is quoted, its quotes doubled. */
export const toCsv = (table: HTMLTableElement): string =>
  cells(table, (cell) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .map((row) => row.join(','))
    .join('\r\n');

/** A GFM table, the first row its header, with pipes and backslashes in cells escaped. */
export function toMarkdown(table: HTMLTableElement): string {
  const rows = cells(table, (cell) => cell.replace(/[\\|]/g, '\\$&')).map((row) => `| ${row.join(' | ')} |`);
  rows.splice(1, 0, `|${' --- |'.repeat(table.rows[0]?.cells.length ?? 0)}`);
  return rows.join('\n');
}

/** Click handler for a container of tables (one listener, delegated). */
export async function onTableClick(event: Event, strings: TableStrings = defaultStrings): Promise<void> {
  const button = (event.target as Element).closest?.<HTMLButtonElement>('.table-button');
  const table = button?.parentElement?.nextElementSibling as HTMLTableElement;
  if (!button) return;
  const action = button.value as Action;
  const csv = toCsv(table);
  if (action === 'downloadTableCsv') {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = 'table.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1e3);
    return;
  }
  try {
    await navigator.clipboard.writeText(action === 'copyTableCsv' ? csv : toMarkdown(table));
  } catch {
    return; // No clipboard access (permissions, insecure context): the label stays as it was.
  }
  button.textContent = strings.copied ?? '';
  setTimeout(() => (button.textContent = strings[action] ?? ''), 2e3);
}
