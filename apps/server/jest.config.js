const onPostgres = process.env.FEDERA_TEST_DB === 'postgres';

module.exports = {
  ...require('../../jest.preset.js'),
  testTimeout: 60_000,
  // Several server instances can only share a real Postgres (PGlite lives inside one process),
  // so the multi-instance suites (*.pg.test.ts) run in the Postgres pass only.
  testPathIgnorePatterns: ['/node_modules/', ...(onPostgres ? [] : ['\\.pg\\.test\\.ts$'])],
};
