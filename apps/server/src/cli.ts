/**
 * Server administration: `federa-server create-admin <username>` reads the password from
 * FEDERA_ADMIN_PASSWORD or standard input, so it never lands in shell history.
 */
import { loadConfig } from './config/config';
import { openDatabase } from './database/data-source';
import { ensureRbac } from './roles/rbac-bootstrap';
import { createAdmin } from './users/first-admin';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(): Promise<void> {
  const [command, username] = process.argv.slice(2);
  if (command !== 'create-admin' || !username) {
    console.error('usage: federa-server create-admin <username>   (password on stdin)');
    process.exit(2);
  }
  const password = process.env.FEDERA_ADMIN_PASSWORD ?? (await readStdin());
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await ensureRbac(db);
    const { created, userId } = await createAdmin(db, username, password);
    console.log(
      created ? `created admin ${username} (id ${userId})` : `${username} exists already`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
