import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/database/data-source';
import { OrganizationEntity } from '../../src/organizations/organization.entity';
import { createTestDatabase, type TestDatabase } from '../utils/database';

/**
 * Requests run concurrently; on either database one request's rollback must not take another
 * request's writes with it (embedded PGlite has a single session, so its driver must keep
 * transactions apart).
 */
describe('concurrent transactions', () => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ url: database.url, dataDir: 'memory://' });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const names = async () =>
    (await db.getRepository(OrganizationEntity).find()).map((o) => o.name).sort();
  const pause = () => new Promise((r) => setTimeout(r, 20));

  it("keeps another request's writes when a transaction rolls back", async () => {
    let rolledBackStarted!: () => void;
    const started = new Promise<void>((r) => (rolledBackStarted = r));
    const failing = db
      .transaction(async (tx) => {
        await tx.insert(OrganizationEntity, { name: 'doomed' });
        rolledBackStarted();
        await pause();
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await started;
    const [plain, inTx] = await Promise.all([
      db.getRepository(OrganizationEntity).insert({ name: 'plain-write' }),
      db.transaction((tx) => tx.insert(OrganizationEntity, { name: 'other-transaction' })),
      failing,
    ]);
    expect(plain.identifiers).toHaveLength(1);
    expect(inTx.identifiers).toHaveLength(1);
    expect(await failing).toBe('rolled back');
    expect(await names()).toEqual(['other-transaction', 'plain-write']);
  });

  it('does not let a transaction see half of another one', async () => {
    const writer = db.transaction(async (tx) => {
      await tx.insert(OrganizationEntity, { name: 'pair-1' });
      await pause();
      await tx.insert(OrganizationEntity, { name: 'pair-2' });
    });
    await pause();
    const seen = (await names()).filter((n) => n.startsWith('pair-'));
    await writer;
    expect([0, 2]).toContain(seen.length);
  });
});
