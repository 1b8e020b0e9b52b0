import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '#tests/helpers/production_server'

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(existsSync)

/**
 * The nginx configuration of docs/deployment.md for upstreams on
 * 127.0.0.1: round robin, keep-alive to the instances, the live stream
 * unbuffered, a refused or failed instance skipped (POSTs included only
 * when nothing was sent, nginx's default). Each request's instance is
 * logged, so a test can tell how requests were spread.
 */
function nginxConfig(dir: string, port: number, upstreams: number[]) {
  const servers = upstreams
    .map((upstream) => `server 127.0.0.1:${upstream} max_fails=1 fail_timeout=1s;`)
    .join('\n    ')
  const proxied = `
      proxy_pass http://kotha;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;`
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format spread '$upstream_addr $request_method $uri $status';
  access_log ${dir}/access.log spread;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 45m;
  upstream kotha {
    ${servers}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {${proxied}
    }
    location = /__transmit/events {${proxied}
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
`
}

/** nginx in front of instances on 127.0.0.1, on a free port, in a directory of its own. */
export class LoadBalancer {
  port = 0
  #dir = ''
  #child?: ChildProcess
  #output = ''

  constructor(readonly upstreams: number[]) {}

  static get available() {
    return Boolean(NGINX)
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`
  }

  async start() {
    if (!NGINX) throw new Error('nginx is not installed (.ci/run installs Debian’s nginx-light)')
    await mkdir(join(process.cwd(), 'tmp'), { recursive: true })
    this.#dir = await mkdtemp(join(process.cwd(), 'tmp', 'nginx-'))
    this.port = await freePort()
    const config = join(this.#dir, 'nginx.conf')
    await writeFile(config, nginxConfig(this.#dir, this.port, this.upstreams))
    this.#child = spawn(NGINX, ['-p', this.#dir, '-c', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#child.stdout!.on('data', (chunk) => (this.#output += chunk))
    this.#child.stderr!.on('data', (chunk) => (this.#output += chunk))
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (this.#child.exitCode !== null) break
      const answer = await fetch(`${this.baseUrl}/health/live`).catch(() => null)
      if (answer) return this
      await sleep(50)
    }
    throw new Error(`nginx did not start:\n${this.#output}${await this.errorLog()}`)
  }

  /** How many proxied requests each instance (by port) answered so far. */
  async spread(): Promise<Map<number, number>> {
    const log = await readFile(join(this.#dir, 'access.log'), 'utf8').catch(() => '')
    const counts = new Map<number, number>()
    for (const line of log.split('\n')) {
      // "$upstream_addr" lists every instance tried: "127.0.0.1:4001, 127.0.0.1:4002".
      for (const match of line.matchAll(/127\.0\.0\.1:(\d+)/g)) {
        const port = Number(match[1])
        counts.set(port, (counts.get(port) ?? 0) + 1)
      }
    }
    return counts
  }

  errorLog() {
    return readFile(join(this.#dir, 'error.log'), 'utf8').catch(() => '')
  }

  async stop() {
    if (this.#child && this.#child.exitCode === null) {
      const exited = new Promise((resolve) => this.#child!.once('exit', resolve))
      this.#child.kill('SIGQUIT')
      await Promise.race([exited, sleep(5000)])
      this.#child.kill('SIGKILL')
    }
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true })
  }
}
