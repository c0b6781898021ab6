import fs from 'node:fs';
import path from 'node:path';

/** The file that names the process using an embedded database, beside its data. */
const LOCK_FILE = 'meridian.pid';

/** Another live process has the embedded database open. */
export class DataDirInUseError extends Error {}

/**
 * Claims the embedded database's directory for this process. PGlite is one process's database: a second
 * process (a CLI command while the server runs, a second server) would write the same files unaware of
 * the first, and whatever it changed would be lost or corrupt the data. A lock file left by a process
 * that is gone (killed, crashed) is taken over. Answers the release, to call when the database closes.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => releaseDataDir(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (isRunning(holder) && holder !== process.pid) {
        throw new DataDirInUseError(
          `the embedded database in ${dataDir} is in use by another Meridian process (pid ${holder}): stop it first, or share a PostgreSQL server (DATABASE_URL) between processes`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`could not claim the embedded database in ${dataDir}; try again`);
}

function releaseDataDir(file: string) {
  try {
    if (Number.parseInt(fs.readFileSync(file, 'utf8'), 10) === process.pid) fs.rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, which still means it is running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
