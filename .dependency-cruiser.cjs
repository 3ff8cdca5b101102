/**
 * Architecture rules, checked by the test suite (bot/test/architecture) and `npm run depcheck`;
 * any violation fails the build. They hold the seams of the layering in the README:
 * core (framework-free) <- data (repositories over the store) and the edges (http, teams), wired
 * together in one composition root (bot/src/app.ts); and the tab has no import cycle either
 * (`npm run depcheck` cruises both).
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
      comment:
        'No import cycle, type-only imports included: a cycle of types is still two modules that ' +
        'cannot be understood (or moved) one without the other.',
      severity: 'error',
      from: { path: '^bot/src/' },
      to: { circular: true },
    },
    {
      name: 'data-does-not-know-its-callers',
      comment:
        'Repositories (data/) and the store (store/) serve the core; they never import an edge ' +
        '(http/, teams/): paging, mapping and indexes live in data/ itself.',
      severity: 'error',
      from: { path: '^bot/src/(data|store)/' },
      to: { path: '^bot/src/(http|teams)/' },
    },
    {
      name: 'store-is-domain-free',
      comment:
        'store/ is the driver-shaped Store port and its two implementations: no domain in it.',
      severity: 'error',
      from: { path: '^bot/src/store/' },
      to: { path: '^bot/src/(core|data|http|teams)/' },
    },
    {
      name: 'http-does-not-reach-into-data',
      comment:
        "Routes get their use cases' dependencies from AppServices, built in the composition " +
        'root (bot/src/app.ts); they never build a repository or read a collection themselves.',
      severity: 'error',
      from: { path: '^bot/src/http/' },
      to: { path: '^bot/src/(data|store)/' },
    },
    {
      name: 'edges-get-dependencies-from-the-composition-root',
      comment:
        'The bot edge (teams/) gets every use case dependency from AppServices, built once in ' +
        'bot/src/app.ts: it may read document shapes (data/*.collections.ts), never build a ' +
        "repository or a feature's dependencies itself.",
      severity: 'error',
      from: { path: '^bot/src/teams/' },
      to: {
        path: '^bot/src/data/',
        pathNot: ['^bot/src/data/collections\\.ts$', '^bot/src/data/[^/]+\\.collections\\.ts$'],
      },
    },
    {
      name: 'contracts-are-shapes-only',
      comment:
        "bot/src/http/contracts/* hold the API's zod schemas and their types, which the tab " +
        "imports type-only: they import zod, the core's models and each other, nothing else.",
      severity: 'error',
      from: { path: '^bot/src/http/contracts/' },
      to: { pathNot: '^(bot/src/core/|bot/src/http/contracts/|node_modules/zod/)' },
    },
    {
      name: 'tab-imports-only-contracts-and-core-models',
      comment:
        "The tab may import from the service only its contracts (type-only) and the core's " +
        'shared rules (ticket transitions, limits): never a route, a repository or the store.',
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { path: '^bot/', pathNot: '^bot/src/(http/contracts|core)/' },
    },
    {
      name: 'core-limits-import-nothing',
      comment:
        'bot/src/core/limits.ts holds the field and range limits the tab shares: it imports ' +
        'nothing, so a form that needs a limit never bundles a use case or an error catalogue.',
      severity: 'error',
      from: { path: '^bot/src/core/limits\\.ts$' },
      to: {},
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
