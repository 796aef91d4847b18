// Resident memory of the workerd processes started under a process group, from /proc (Linux only).
import { readdirSync, readFileSync } from "node:fs";

/** Pids of the `workerd` processes whose process group is `pgid` (or whose parent is `parent`). */
export function workerdPids(match: { pgid?: number; parent?: number }): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …: comm may hold spaces, so split after its closing parenthesis.
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (comm !== "workerd") continue;
    if ((match.pgid !== undefined && Number(pgrp) === match.pgid) || (match.parent !== undefined && Number(ppid) === match.parent)) pids.push(Number(entry));
  }
  return pids;
}

/** VmRSS of `pid` in bytes (0 once it has exited). */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the summed RSS of `pids` every `everyMs` and keeps the peak, until stopped. */
export class RssSampler {
  peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: () => number[], everyMs = 50) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): number {
    const now = this.pids().reduce((sum, pid) => sum + rssBytes(pid), 0);
    this.peak = Math.max(this.peak, now);
    return now;
  }

  /** Stops sampling; returns the peak in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

export const MB = 1_000_000;
