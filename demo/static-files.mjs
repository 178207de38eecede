// A tiny static file server for the demo: enough for HTML, JS and source maps, no directory listing.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves files from `root` for the URL prefix `prefix`. Returns false when the request is not
 * for a file there, so the caller can try something else.
 */
export async function serveStatic(req, res, { root, prefix = '/' }) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (!pathname.startsWith(prefix)) return false;
  let relative = decodeURIComponent(pathname.slice(prefix.length));
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(root + sep)) return false; // no escaping the root
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
  } catch {
    return false;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
  });
  createReadStream(path).pipe(res);
  return true;
}
