/**
 * Architecture rules, checked by the test suite (bot/test/architecture): the domain core imports
 * no framework, driver or SDK, and nothing outside itself except Node built-ins it never needs;
 * and the tab has no import cycle, type-only imports included (`npm run depcheck` cruises both).
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
    {
      name: 'tab-no-circular',
      comment:
        'The tab imports nothing that imports it back, not even for types: pages get what they ' +
        'need through PageProps (tab/src/page-props.ts); only the page table imports the pages.',
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
  },
};
