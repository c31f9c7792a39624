import type { TestServer } from './utils/server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { federaTestServer?: TestServer }).federaTestServer?.stop();
}
