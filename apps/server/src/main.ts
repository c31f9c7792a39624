import { startServer } from './app';
import { loadConfig } from './config/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const where = config.DATABASE_URL ? 'Postgres' : `PGlite in ${config.DATA_DIR}`;
  console.log(`Federa server on ${server.url}/api (database: ${where})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
