// Finds (or installs, as Debian's `redis-server` package) the Redis server that the Redis
// recipes' tests run against, and starts throwaway instances of it: on a free loopback port,
// with no persistence, stopped by the caller. Like scripts/chromium.mjs, nothing is downloaded
// but Debian packages.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'];

/** @returns {string | undefined} the path of redis-server (REDIS_SERVER, or a usual place). */
export function findRedisServer() {
  const fromEnv = process.env.REDIS_SERVER;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`REDIS_SERVER is set to ${fromEnv}, but no file is there.`);
  }
  return CANDIDATES.find((path) => existsSync(path));
}

function canInstallDebianPackages() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get');
}

/** Returns the redis-server path, installing Debian's package first if needed and possible. */
export function ensureRedisServer({ log = console.log } = {}) {
  const found = findRedisServer();
  if (found) return found;
  if (!canInstallDebianPackages()) {
    throw new Error(
      'No redis-server found: install Redis (Debian: apt-get install redis-server), or set REDIS_SERVER to its executable.',
    );
  }
  log('No redis-server found: installing Debian\'s "redis-server" package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
  const installed = findRedisServer();
  if (!installed) throw new Error('apt-get installed "redis-server", yet no redis-server binary was found.');
  return installed;
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a redis-server on a free loopback port, in memory only (no RDB, no AOF), and resolves
 * once it accepts connections.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startRedis({ timeoutMs = 15_000 } = {}) {
  const binary = ensureRedisServer();
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
      '--loglevel',
      'notice',
      '--dir',
      '/tmp',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // If the test process dies first, take the server with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
