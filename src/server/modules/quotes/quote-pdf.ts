import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Quote } from '../../../shared/contracts/quotes.js';

/** Everything a quote's PDF prints besides the quote itself: who offers, to whom, prepared by whom. */
export type QuoteParties = {
  issuer: { name: string; address: string | null };
  account: { name: string; addressLines: string[] };
  contact: { name: string; email: string | null } | null;
  owner: { name: string; email: string | null };
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK = rgb(0.13, 0.13, 0.15);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.8, 0.8, 0.83);

/** The table's columns: left edge and width, in points; numbers are right-aligned in theirs. */
const COLUMNS = {
  sku: { x: MARGIN, width: 70 },
  product: { x: MARGIN + 74, width: 196 },
  quantity: { x: MARGIN + 274, width: 45 },
  unitPrice: { x: MARGIN + 323, width: 70 },
  discount: { x: MARGIN + 397, width: 38 },
  total: { x: MARGIN + 439, width: A4.width - 2 * MARGIN - 439 },
};

/**
 * The quote as a PDF a customer can file: the issuer and the customer, the lines in a table that runs on
 * over as many A4 pages as it needs (its header repeated), the totals, the terms, and page numbers.
 * Written in Helvetica, so characters outside Windows-1252 print as "?" rather than failing.
 */
export async function renderQuotePdf(quote: Quote, parties: QuoteParties): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Quote ${quote.number}: ${quote.title}`);
  pdf.setAuthor(parties.issuer.name);
  pdf.setCreator('Meridian CRM');
  pdf.setCreationDate(new Date(quote.createdAt));
  const writer = new QuoteWriter(
    pdf,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
  );
  const money = moneyFormat();

  writer.heading(quote, parties);
  writer.tableHeader();
  for (const line of quote.lines) writer.line(line, money);
  writer.totals(quote, money);
  if (quote.terms) writer.terms(quote.terms);
  writer.pageNumbers(quote.number);
  return pdf.save();
}

class QuoteWriter {
  private page: PDFPage;
  private y = A4.height - MARGIN;
  private readonly printable: Set<number>;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage([A4.width, A4.height]);
    this.printable = new Set(regular.getCharacterSet());
  }

  heading(quote: Quote, parties: QuoteParties) {
    const top = this.y;
    this.text(parties.issuer.name, MARGIN, top - 14, { size: 16, font: this.bold });
    if (parties.issuer.address) this.text(parties.issuer.address, MARGIN, top - 30, { size: 9, color: MUTED });
    const right = A4.width - MARGIN;
    this.text('QUOTE', right, top - 14, { size: 18, font: this.bold, align: 'right' });
    const facts = [
      `No. ${quote.number}`,
      `Date: ${(quote.sentAt ?? quote.createdAt).slice(0, 10)}`,
      `Valid until: ${quote.validUntil}`,
      `Currency: ${quote.currency}`,
    ];
    for (const [index, fact] of facts.entries())
      this.text(fact, right, top - 32 - index * 12, { size: 9, align: 'right' });

    this.y = top - 84;
    const half = (A4.width - 2 * MARGIN) / 2;
    const forLines = [
      parties.account.name,
      ...parties.account.addressLines,
      ...(parties.contact ? [`Attn. ${parties.contact.name}`, parties.contact.email ?? ''] : []),
    ]
      .filter(Boolean)
      .flatMap((line) => this.wrap(line, half - 10, this.regular, 10));
    const byLines = [parties.owner.name, parties.owner.email ?? '']
      .filter(Boolean)
      .flatMap((line) => this.wrap(line, half - 10, this.regular, 10));
    this.text('PREPARED FOR', MARGIN, this.y, { size: 8, font: this.bold, color: MUTED });
    this.text('PREPARED BY', MARGIN + half, this.y, { size: 8, font: this.bold, color: MUTED });
    for (const [index, line] of forLines.entries())
      this.text(line, MARGIN, this.y - 14 - index * 12, { size: 10, maxWidth: half - 10 });
    for (const [index, line] of byLines.entries())
      this.text(line, MARGIN + half, this.y - 14 - index * 12, { size: 10, maxWidth: half - 10 });
    this.y -= 22 + Math.max(forLines.length, byLines.length) * 12;

    for (const line of this.wrap(quote.title, A4.width - 2 * MARGIN, this.bold, 13)) {
      this.text(line, MARGIN, this.y, { size: 13, font: this.bold });
      this.y -= 17;
    }
    this.y -= 6;
  }

  tableHeader() {
    const labels: [keyof typeof COLUMNS, string][] = [
      ['sku', 'SKU'],
      ['product', 'Product'],
      ['quantity', 'Qty'],
      ['unitPrice', 'Unit price'],
      ['discount', 'Disc.'],
      ['total', 'Total'],
    ];
    for (const [column, label] of labels) {
      const numeric = column !== 'sku' && column !== 'product';
      this.cell(column, label, this.y, { font: this.bold, size: 8, color: MUTED, numeric });
    }
    this.rule(this.y - 5);
    this.y -= 18;
  }

  line(line: Quote['lines'][number], money: (value: number) => string) {
    const nameLines = this.wrap(line.name, COLUMNS.product.width, this.regular, 9);
    const descriptionLines = line.description
      ? this.wrap(line.description, COLUMNS.product.width, this.regular, 8)
      : [];
    const skuLines = this.wrap(line.sku, COLUMNS.sku.width, this.regular, 8);
    const height = Math.max(nameLines.length * 11 + descriptionLines.length * 10, skuLines.length * 10) + 6;
    this.room(height, () => this.tableHeader());
    for (const [index, text] of skuLines.entries()) this.cell('sku', text, this.y - index * 10, { size: 8 });
    for (const [index, text] of nameLines.entries()) this.cell('product', text, this.y - index * 11, { size: 9 });
    for (const [index, text] of descriptionLines.entries())
      this.cell('product', text, this.y - nameLines.length * 11 - index * 10, { size: 8, color: MUTED });
    this.cell('quantity', formatNumber(line.quantity), this.y, { numeric: true });
    this.cell('unitPrice', money(line.unitPrice), this.y, { numeric: true });
    this.cell('discount', line.discountPercent ? `${formatNumber(line.discountPercent)}%` : '', this.y, {
      numeric: true,
    });
    this.cell('total', money(line.total), this.y, { numeric: true });
    this.y -= height;
    this.rule(this.y + 8, 0.3);
  }

  totals(quote: Quote, money: (value: number) => string) {
    // Only the steps that change the figure: a subtotal and discount when there is a discount, the net
    // and its tax when there is tax, and always the total.
    const rows: [string, string, boolean][] = [
      ...(quote.discount > 0
        ? ([
            ['Subtotal', money(quote.subtotal), false],
            ['Discount', `-${money(quote.discount)}`, false],
          ] as [string, string, boolean][])
        : []),
      ...(quote.taxPercent > 0
        ? ([
            ['Net', money(quote.net), false],
            [`Tax (${formatNumber(quote.taxPercent)}%)`, money(quote.tax), false],
          ] as [string, string, boolean][])
        : []),
      [`Total (${quote.currency})`, money(quote.total), true],
    ];
    this.room(rows.length * 14 + 10);
    this.y -= 6;
    for (const [label, value, strong] of rows) {
      const font = strong ? this.bold : this.regular;
      this.text(label, COLUMNS.discount.x + COLUMNS.discount.width, this.y, { size: 10, font, align: 'right' });
      this.cell('total', value, this.y, { size: 10, font, numeric: true });
      this.y -= 14;
    }
    this.y -= 10;
  }

  terms(terms: string) {
    this.room(30);
    this.text('TERMS', MARGIN, this.y, { size: 8, font: this.bold, color: MUTED });
    this.y -= 13;
    for (const paragraph of terms.split(/\r?\n/)) {
      for (const line of this.wrap(paragraph, A4.width - 2 * MARGIN, this.regular, 9)) {
        this.room(12);
        this.text(line, MARGIN, this.y, { size: 9 });
        this.y -= 12;
      }
    }
  }

  pageNumbers(number: string) {
    const pages = this.pdf.getPages();
    for (const [index, page] of pages.entries()) {
      const label = `Quote ${number} · page ${index + 1} of ${pages.length}`;
      const text = this.clean(label);
      const width = this.regular.widthOfTextAtSize(text, 8);
      page.drawText(text, { x: (A4.width - width) / 2, y: MARGIN / 2, size: 8, font: this.regular, color: MUTED });
    }
  }

  /** Starts a new page unless `height` more points fit above the bottom margin. */
  private room(height: number, onNewPage?: () => void) {
    if (this.y - height >= MARGIN) return;
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
    onNewPage?.();
  }

  private cell(
    column: keyof typeof COLUMNS,
    value: string,
    y: number,
    options: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; numeric?: boolean } = {},
  ) {
    const { x, width } = COLUMNS[column];
    this.text(value, options.numeric ? x + width : x, y, {
      ...options,
      align: options.numeric ? 'right' : 'left',
      maxWidth: width,
    });
  }

  private text(
    value: string,
    x: number,
    y: number,
    options: {
      font?: PDFFont;
      size?: number;
      color?: ReturnType<typeof rgb>;
      align?: 'left' | 'right';
      maxWidth?: number;
    } = {},
  ) {
    const font = options.font ?? this.regular;
    const size = options.size ?? 9;
    let text = this.clean(value);
    if (options.maxWidth) text = this.fit(text, options.maxWidth, font, size);
    const width = font.widthOfTextAtSize(text, size);
    this.page.drawText(text, {
      x: options.align === 'right' ? x - width : x,
      y,
      size,
      font,
      color: options.color ?? INK,
    });
  }

  private rule(y: number, thickness = 0.6) {
    this.page.drawLine({
      start: { x: MARGIN, y },
      end: { x: A4.width - MARGIN, y },
      thickness,
      color: RULE,
    });
  }

  /** The text in words that fit `width`, a word longer than the line cut to fit. */
  private wrap(value: string, width: number, font: PDFFont, size: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of this.clean(value).split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = this.fit(word, width, font, size);
    }
    if (current) lines.push(current);
    return lines.length > 0 ? lines : [''];
  }

  /** Shortens a text to `width` with an ellipsis. */
  private fit(text: string, width: number, font: PDFFont, size: number): string {
    if (font.widthOfTextAtSize(text, size) <= width) return text;
    let cut = text;
    while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  /** Characters Helvetica cannot print become "?"; tabs and line breaks become spaces. */
  private clean(value: string): string {
    return Array.from(value.replace(/[\t\r\n]+/g, ' '), (character) =>
      this.printable.has(character.codePointAt(0) ?? 0) ? character : '?',
    ).join('');
  }
}

/** Amounts in the table are plain numbers to the cent; the currency is stated once, in the heading and the total. */
function moneyFormat(): (value: number) => string {
  const format = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (value) => format.format(value);
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
}
