/** mocha runs TypeScript through tsx; unit tests sit next to the code, the rest under bot/test. */
module.exports = {
  import: ['tsx'],
  spec: ['bot/src/**/*.test.ts', 'bot/test/**/*.test.ts'],
  reporter: './scripts/mocha-summary-reporter.cjs',
  timeout: 30000,
  exit: true,
};
