// The tests spawn the built CLI (dist/cli.js) against one server started in the jest process.
module.exports = {
  ...require('../../jest.preset.js'),
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
