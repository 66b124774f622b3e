import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
}

/** A static file server on 127.0.0.1 and its origin. */
export interface StaticServer {
  origin: string
  server: Server
  close(): Promise<void>
}

/**
 * Serve the folder `root` on 127.0.0.1 at a free port, as any static host
 * would: files only, no fallback page, nothing outside `root`. The browser
 * tests and the benchmark use it for the built playground.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = normalize(root + sep)
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    let path = normalize(join(base, decodeURIComponent(url.pathname)))
    if (!path.startsWith(base)) {
      response.writeHead(403).end()
      return
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html')
      const size = statSync(path).size
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-cache' })
      createReadStream(path).pipe(response)
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
