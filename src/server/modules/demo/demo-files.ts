import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { accounts, activities, attachments, products } from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import type { Rng } from '../../seed/random.js';

/** Files of the demo: real ones a sales team keeps, which open in any viewer. */
export type DemoFile = { row: RowOf<typeof attachments>; content: Buffer };

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many of each kind the demo keeps (the integration test counts them). */
export const DEMO_FILES_PER_KIND = 4;

/**
 * Price lists on distributors (the catalogue as CSV), signed dealer agreements (PDF) and photos of
 * dealers' shelves taken at completed visits (PNG), uploaded by the account's owner.
 */
export function buildDemoFiles(input: {
  rng: Rng;
  now: Date;
  accounts: RowOf<typeof accounts>[];
  activities: RowOf<typeof activities>[];
  products: RowOf<typeof products>[];
}): DemoFile[] {
  const { rng, now } = input;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const year = now.getUTCFullYear() + (now.getUTCMonth() >= 9 ? 1 : 0);
  const files: DemoFile[] = [];
  const add = (
    file: { fileName: string; contentType: string; content: Buffer; createdAt: Date },
    links: Pick<RowOf<typeof attachments>, 'uploadedById' | 'accountId' | 'contactId' | 'opportunityId' | 'activityId'>,
  ) => {
    files.push({
      row: {
        id: rng.uuidV7(file.createdAt),
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        leadId: null,
        ...links,
        createdAt: file.createdAt,
        updatedAt: file.createdAt,
        version: 1,
        deletedAt: null,
      },
      content: file.content,
    });
  };
  const noLinks = { contactId: null, opportunityId: null, activityId: null };

  for (const account of input.accounts.filter((row) => row.type === 'distributor').slice(0, DEMO_FILES_PER_KIND)) {
    add(
      {
        fileName: `Price list ${year}.csv`,
        contentType: 'text/csv',
        content: priceListCsv(input.products),
        createdAt: daysAgo(rng.int(5, 60)),
      },
      { uploadedById: account.ownerId ?? null, accountId: account.id, ...noLinks },
    );
  }
  for (const account of input.accounts.filter((row) => row.type === 'dealer').slice(0, DEMO_FILES_PER_KIND)) {
    const signedAt = daysAgo(rng.int(30, 300));
    add(
      {
        fileName: `Dealer agreement - ${account.name}.pdf`,
        contentType: 'application/pdf',
        content: agreementPdf(account.name, signedAt),
        createdAt: signedAt,
      },
      { uploadedById: account.ownerId ?? null, accountId: account.id, ...noLinks },
    );
  }
  const visits = input.activities.filter((row) => row.type === 'visit' && row.status === 'completed');
  for (const visit of visits.slice(0, DEMO_FILES_PER_KIND)) {
    add(
      {
        fileName: 'Shelf display.png',
        contentType: 'image/png',
        content: shelfPhotoPng(rng),
        createdAt: (visit.completedAt as Date) ?? now,
      },
      {
        uploadedById: visit.ownerId ?? null,
        accountId: visit.accountId ?? null,
        contactId: visit.contactId ?? null,
        opportunityId: visit.opportunityId ?? null,
        activityId: visit.id as string,
      },
    );
  }
  return files;
}

/** The catalogue as a distributor's price list: a heading row, then one product a line. */
function priceListCsv(catalogue: RowOf<typeof products>[]): Buffer {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [
    'SKU,Product,Family,List price,Currency',
    ...catalogue.map((item) =>
      [item.sku, item.name, item.family ?? '', Number(item.unitPrice).toFixed(2), item.currency ?? 'USD']
        .map((value) => quote(String(value)))
        .join(','),
    ),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A one-page PDF of the agreement: text in Helvetica, with a correct cross-reference table. */
function agreementPdf(accountName: string, signedAt: Date): Buffer {
  const text = (value: string) => value.replace(/[\\()]/g, (character) => `\\${character}`);
  const lines = [
    'Dealer agreement',
    '',
    `Dealer: ${accountName}`,
    `Signed: ${signedAt.toISOString().slice(0, 10)}`,
    '',
    'The dealer sells and services the product lines of the price list in its territory,',
    'keeps a showroom display and parts stock, and reports sales monthly.',
  ];
  const stream = [
    'BT /F1 12 Tf 72 740 Td 16 TL',
    ...lines.map((line, index) => (index === 0 ? `/F1 18 Tf (${text(line)}) Tj T* /F1 12 Tf` : `(${text(line)}) '`)),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small picture of a dealer's shelves: three shelves of product boxes in the brand's colours. */
function shelfPhotoPng(rng: Rng): Buffer {
  const width = 160;
  const height = 120;
  const palette: [number, number, number][] = [
    [0xd9, 0x48, 0x0f],
    [0x2b, 0x8a, 0x3e],
    [0x19, 0x71, 0xc2],
    [0xf0, 0x8c, 0x00],
  ];
  const pixels = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    pixels[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const shelf = y % 40 >= 36;
      const box = !shelf && y % 40 >= 8 && x % 20 >= 3 && x % 20 <= 16;
      const colour = shelf
        ? ([0x6b, 0x4f, 0x2a] as const)
        : box
          ? (palette[(Math.floor(x / 20) + Math.floor(y / 40)) % palette.length] as [number, number, number])
          : ([0xee, 0xee, 0xe8] as const);
      pixels.set(colour, row + 1 + x * 3);
    }
  }
  // A little noise, so no two photos are the same file.
  for (let index = 0; index < 40; index += 1) {
    const y = rng.int(0, height - 1);
    const x = rng.int(0, width - 1);
    pixels.set([rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)], y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
