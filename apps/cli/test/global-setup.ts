import { startTestServer, type TestServer } from './utils/server';

/**
 * One real server for every suite, in the jest process (PGlite and migrations take ~15 s to
 * start, so once is enough). Suites find it through FEDERA_TEST_SERVER_URL and create their
 * own uniquely named state on it.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startTestServer();
  process.env.FEDERA_TEST_SERVER_URL = server.url;
  (globalThis as { federaTestServer?: TestServer }).federaTestServer = server;
}
