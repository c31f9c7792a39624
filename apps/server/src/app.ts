import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { FederaIoAdapter } from './realtime/io.adapter';
import { loadJwtSecret } from './auth/jwt-secret';
import type { Config } from './config/config';
import { openDatabase } from './database/data-source';
import { ensureRbac } from './roles/rbac-bootstrap';
import { createAdmin } from './users/first-admin';

const LISTEN_BACKLOG = 4096;

export interface FederaServer {
  app: NestExpressApplication;
  db: DataSource;
  /** http://host:port of the listening server */
  url: string;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds RBAC and the first admin, then listens. */
export async function startServer(config: Config): Promise<FederaServer> {
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await ensureRbac(db);
  if (config.ROOT_USERNAME && config.ROOT_PASSWORD) {
    await createAdmin(db, config.ROOT_USERNAME, config.ROOT_PASSWORD);
  }
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, db, jwtSecret: await loadJwtSecret(db, config.JWT_SECRET) }),
    { bodyParser: false, logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn'] },
  );
  configureApp(app, config);
  const sockets = new FederaIoAdapter(app);
  if (config.REDIS_URL) await sockets.connectRedis(config.REDIS_URL);
  app.useWebSocketAdapter(sockets);
  await app.init();
  // A deep accept queue: a thousand nodes reporting at once are queued, not reset.
  await new Promise<void>((resolve, reject) =>
    app
      .getHttpServer()
      .once('error', reject)
      .listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, resolve),
  );
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

/** HTTP settings shared by the server and the tests. */
export function configureApp(app: NestExpressApplication, config: Config): void {
  app.useBodyParser('json', { limit: config.MAX_BODY_BYTES });
  // API responses change with every call; hashing each (a 100 MB result too) buys nothing.
  app.set('etag', false);
  app.enableCors({ origin: true, credentials: true });
  app.enableShutdownHooks();
}

export { ConfigSchema, loadConfig, type Config } from './config/config';
