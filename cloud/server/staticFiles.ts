import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import sirv from 'sirv'

/**
 * A file name webpack gave a content hash (`app.f5d429bf.js`, `vendors.2f5bc94f.css`): what is behind
 * it never changes, so browsers keep it a year without asking. config/index.ts names every script and
 * stylesheet so.
 */
const HASHED = /\.[0-9a-f]{8,}\.[A-Za-z0-9]+$/

/** A year, as long as caches keep anything: a new build has new names, so nothing stale is ever served. */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable'
/** Kept, but asked about each time (a 304 against the ETag): index.html names the current build's files. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache'

export const cacheControlOf = (pathname: string): string => (HASHED.test(pathname) ? HASHED_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL)

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, notFound: () => void) => void

/**
 * The h5 build as files: the brotli or gzip copy the build made beside a file (config/index.ts) when the
 * browser accepts it, else the file itself; any other path gets index.html (the app's router reads the
 * path). Null when there is no build in `dir`. The folder is listed once, at start: run after the build.
 */
export function staticFiles(dir: string | undefined): StaticHandler | null {
  if (!dir || !existsSync(dir)) return null
  const serve = sirv(dir, { single: true, dev: false, etag: true, brotli: true, gzip: true })
  return (req, res, notFound) => {
    // Set before sirv answers so its 304s carry them too (it adds only its own headers to a 200). A
    // path that is not found is answered by `notFound`, whose headers replace these.
    res.setHeader('cache-control', cacheControlOf(new URL(req.url ?? '/', 'http://local').pathname))
    res.setHeader('vary', 'Accept-Encoding')
    serve(req, res, notFound)
  }
}
