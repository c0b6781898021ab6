/** The file the user picked, read to text once: the dry runs and the import send the same text. */
export type ChosenFile = { id: number; name: string; size: number; text: string };

/** The API takes at most 10,000,000 characters; a UTF-8 file of this many bytes has no more than that. */
export const MAX_FILE_BYTES = 10_000_000;

let chosenCount = 0;

const tenths = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `2.4 KB`, `10 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${tenths.format(bytes / 1000)} KB`;
  return `${tenths.format(bytes / 1_000_000)} MB`;
}

/**
 * Reads a picked file, or says why it cannot be imported before anything is sent. Excel on Windows saves
 * "CSV" (not "CSV UTF-8") in Windows-1252, which decodes to replacement characters as UTF-8: such a file
 * is read again in that encoding, so “Müller” arrives as written, not as “M�ller”.
 */
export async function readImportFile(file: File): Promise<{ file: ChosenFile } | { refusal: string }> {
  if (/\.(xlsx|xlsm|xls|ods|numbers)$/i.test(file.name)) {
    return {
      refusal: `“${file.name}” is a spreadsheet, not a CSV file. Save it as CSV first (in Excel: File › Save a copy › CSV UTF-8), then choose that file.`,
    };
  }
  if (file.size > MAX_FILE_BYTES) {
    return {
      refusal: `“${file.name}” is ${fileSize(file.size)}; an import takes files up to ${fileSize(MAX_FILE_BYTES)}. Split it into smaller files, each starting with the heading row.`,
    };
  }
  if (file.size === 0)
    return { refusal: `“${file.name}” is empty. Choose a file with a heading row and your records.` };
  let text: string;
  try {
    text = await file.text();
    if (text.includes('\uFFFD')) text = new TextDecoder('windows-1252').decode(await file.arrayBuffer());
  } catch {
    // The file moved or changed on disk after it was picked.
    return { refusal: `“${file.name}” could not be read. Choose it again.` };
  }
  chosenCount += 1;
  return { file: { id: chosenCount, name: file.name, size: file.size, text } };
}
