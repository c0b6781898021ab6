/*
 * A file's size as people read it, the same in the dashboard (the Files section), a record's timeline and
 * the server's messages (the upload limit).
 */

const units = ['KB', 'MB', 'GB', 'TB'];

/**
 * `512 bytes`, `1.2 KB`, `340 KB`, `25 MB`: binary units as the server states its limit, a tenth kept
 * under ten so a small file is not "1 MB" whether it is 1.0 or 1.9.
 */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1023.95 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 9.95 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
  return `${shown} ${units[unit]}`;
}
