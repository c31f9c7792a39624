// Lets a child `node` run the CLI from TypeScript sources (node -r ./test/utils/swc-register.js
// src/cli.ts …), compiled on the fly by @swc/core, so the CLI tests need no build of this package.
'use strict';
const fs = require('fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
