// A started server's whole process tree: its process group plus every descendant, even one that left the group.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessStat {
  pid: number;
  ppid: number;
  pgid: number;
}

// /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so split after the last ')'.
function readStat(pid: number): ProcessStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return undefined; // gone meanwhile, or no /proc (not Linux)
  }
}

function listProcesses(): ProcessStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: ProcessStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * The pids of `rootPid`'s process group and of all their descendants (by parent pid). Once the root has been
 * reaped its pid may belong to someone else, so it (and its children) count only while `isRootAlive`.
 */
export function processTree(rootPid: number, isRootAlive = true): number[] {
  const processes = listProcesses();
  const tree = new Set<number>(isRootAlive ? [rootPid] : []);
  for (const process of processes)
    if (process.pgid === rootPid && process.pid !== rootPid) tree.add(process.pid);
  // Descendants by parent pid: a child that called setsid() (a `detached` spawn) left the group but not the tree.
  let grew = true;
  while (grew) {
    grew = false;
    for (const process of processes) {
      if (!tree.has(process.pid) && tree.has(process.ppid)) {
        tree.add(process.pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone.
  }
}

/**
 * Kills a server's tree: stops every member first (so none forks or reparents meanwhile), looks again for
 * what was started in between, then kills them all and the group. A process that double-forked away before
 * this ran is out of reach here; the sandbox's PID namespace is what catches those.
 */
export function killProcessTree(rootPid: number, isRootAlive = true): void {
  const first = processTree(rootPid, isRootAlive);
  for (const pid of first) signal(pid, 'SIGSTOP');
  const members = new Set([...first, ...processTree(rootPid, isRootAlive)]);
  signal(-rootPid, 'SIGKILL');
  for (const pid of members) signal(pid, 'SIGKILL');
}
