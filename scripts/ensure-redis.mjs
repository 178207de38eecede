// `npm test` runs this before the browser tests: the Redis recipes' tests need redis-server.
import { ensureRedisServer } from './redis.mjs';

try {
  console.log(`redis-server: ${ensureRedisServer()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
