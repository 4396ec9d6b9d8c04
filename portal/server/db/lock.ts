import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite is a single-process database. The process that opens a data dir holds this lock and
 * serves an admin socket; other processes (the CLI) forward their work through that socket.
 */
export interface LockOwner {
  pid: number;
  socket: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    public readonly owner: LockOwner,
    dataDir: string,
  ) {
    super(
      `数据目录 ${dataDir} 正由进程 ${owner.pid} 使用（PGlite 只允许一个进程打开）。` +
        `命令会通过该进程的管理套接字 ${owner.socket} 执行；若该进程已无响应，请停止它后重试。`,
    );
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'sunlight.lock');
}

/** Unix socket paths are limited to ~107 bytes; long data dirs get a socket in the temp dir. */
function socketPath(dataDir: string, name: string): string {
  const local = path.join(dataDir, name);
  if (Buffer.byteLength(local) < 100) return local;
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `sunlight-${hash}-${name}`);
}

/** The PGlite owner's admin socket. */
export function adminSocketPath(dataDir: string): string {
  return socketPath(dataDir, 'admin.sock');
}

/**
 * With PostgreSQL several portal processes may share a data dir; each serves its own socket
 * (for commands about its in-process state, such as the embedded search index).
 */
export function processSocketPath(dataDir: string, pid: number = process.pid): string {
  return socketPath(dataDir, `admin-${pid}.sock`);
}

/** Sockets of live portal processes in a data dir (PGlite owner or PostgreSQL processes). */
export function livePortalSockets(dataDir: string): { pid: number; socket: string }[] {
  const owner = readLock(dataDir);
  if (owner) return [{ pid: owner.pid, socket: owner.socket }];
  const out: { pid: number; socket: string }[] = [];
  const dirs = [dataDir, os.tmpdir()];
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /admin-(\d+)\.sock$/.exec(name);
      if (!m) continue;
      const pid = Number(m[1]);
      const socket = processSocketPath(dataDir, pid);
      if (path.join(dir, name) === socket && alive(pid) && pid !== process.pid) out.push({ pid, socket });
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockOwner;
    return alive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws DataDirLockedError naming the live owner. Stale locks are replaced. */
export function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const me: LockOwner = { pid: process.pid, socket: adminSocketPath(dataDir), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return () => {
        const current = readLockRaw(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readLockRaw(file);
      if (owner && owner.pid !== process.pid && alive(owner.pid)) throw new DataDirLockedError(owner, dataDir);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁 ${file}`);
}

function readLockRaw(file: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}
