const preset = require('../../jest.preset.js');

const transform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
      module: { type: 'commonjs' },
    },
  ],
};

/** Two projects: fast pure unit tests, and the browser tests against a real server and `next start`. */
module.exports = {
  projects: [
    {
      ...preset,
      transform,
      displayName: 'unit',
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...preset,
      transform,
      displayName: 'browser',
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
      testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    },
  ],
};
