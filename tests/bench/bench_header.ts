import type { DatabaseServer } from '#tests/helpers/production_server'
import type { BenchOptions } from '#tests/bench/bench_options'
import { describeMachine } from '#tests/bench/machine'
import type { Log } from '#tests/bench/bench_setup'

/** The command that runs this bench again with the same settings (every flag spelled out). */
function commandLine(options: BenchOptions) {
  const flags = [
    options.appDir ? `--app ${options.appDir}` : '',
    `--duration ${options.duration}`,
    `--connections ${options.connections}`,
    `--rounds ${options.rounds}`,
    `--warmup ${options.warmup}`,
    `--only ${options.only.join(',')}`,
    options.chat
      ? `--subscribers ${options.subscribers} --rate ${options.rate} --seconds ${options.seconds}`
      : '--no-chat',
    options.json ? '--json' : '',
  ]
  return `node ace kotha:bench ${flags.filter(Boolean).join(' ')}`
}

/** The top of the output: how the run was started, with what settings, on which machine. */
export function printHeader(options: BenchOptions, dbServer: DatabaseServer, log: Log) {
  const machine = describeMachine()
  const command = commandLine(options)
  const environment = ['DB_HOST', 'DB_PORT', 'DB_DATABASE']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]}`)
    .join(' ')
  log(`$ ${environment ? `${environment} ` : ''}${command}`)
  log(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')}, open files ${machine.openFiles.soft}/${machine.openFiles.hard}`
  )
  log(
    `database server: ${dbServer.host}:${dbServer.port} (${process.env.DB_HOST ? 'configured' : 'embedded'})`
  )
  log(
    `settings: ${options.connections} connections, ${options.rounds} rounds × ${options.duration} s ` +
      `per endpoint and server (warm-up ${options.warmup} s), endpoints ${options.only.join(',')}; ` +
      (options.chat
        ? `chat ${options.subscribers} subscribers, ${options.rate} messages/s for ${options.seconds} s`
        : 'no chat scenario') +
      (options.appDir ? `; app ${options.appDir}` : '')
  )
  return { command, machine, settings: options }
}
