import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'

/** Where the figures come from: they mean nothing without the machine. */
export function describeMachine() {
  const cores = cpus()
  return {
    cores: cores.length,
    cpu: cores[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    openFiles: openFilesLimit('self'),
  }
}

/** A process's soft and hard limits on open files (`ulimit -n`), from /proc. */
export function openFilesLimit(pid: number | 'self') {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((one) => one.startsWith('Max open files'))
    const [soft, hard] = line?.match(/\d+|unlimited/g) ?? []
    return { soft: Number(soft) || Infinity, hard: Number(hard) || Infinity }
  } catch {
    return { soft: Number.NaN, hard: Number.NaN }
  }
}

/** VmRSS of a process in KiB (Linux), or NaN. */
export function residentKib(pid: number | undefined) {
  if (!pid) return Number.NaN
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : Number.NaN
  } catch {
    return Number.NaN
  }
}
