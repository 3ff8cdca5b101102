/**
 * Architecture rules, checked by the test suite (bot/test/architecture): the domain core imports
 * no framework, driver or SDK, and nothing outside itself except Node built-ins it never needs.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-framework-free',
      comment:
        'bot/src/core holds use cases, authorization and errors. It may import only other core ' +
        'modules and zod-free plain TypeScript: no restify, botbuilder, mongodb, jose, pino, zod...',
      severity: 'error',
      from: { path: '^bot/src/core/' },
      to: { pathNot: '^bot/src/core/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^bot/src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
  },
};
