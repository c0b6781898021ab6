import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

const freshDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-lock-'));
const lockFile = (dir: string) => path.join(dir, 'meridian.pid');

describe('lockDataDir', () => {
  it('claims a directory for this process and lets go of it', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a directory another live process has claimed, naming it', () => {
    const dir = freshDir();
    // The parent process (the test runner) is alive for as long as this test runs.
    fs.writeFileSync(lockFile(dir), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.ppid}`);
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.ppid));
  });

  it('takes over a claim left by a process that is gone', () => {
    const dir = freshDir();
    fs.writeFileSync(lockFile(dir), '2147483646\n');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});
