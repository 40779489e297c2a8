/**
 * Runs a TypeScript file in a plain Node child process (for crash tests): @swc/core strips
 * types on require, and @arkiv/shared resolves to its sources, so nothing needs a build.
 * Usage: node server/src/test/run-ts.cjs <file.ts>
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const swc = require('@swc/core');

const shared = path.resolve(__dirname, '../../../shared/src/index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@arkiv/shared' ? shared : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(path.resolve(process.argv[2]));
