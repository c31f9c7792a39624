// The tests spawn the built CLI (dist/cli.js) against a server started in the jest process.
module.exports = { ...require('../../jest.preset.js'), testTimeout: 60_000 };
