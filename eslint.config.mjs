/**
 * ESLint (flat config) for both workspaces: typescript-eslint's recommended rules plus a few that
 * keep the code as the style guide wants it. Formatting is Prettier's job (`npm run format`), so
 * no stylistic rule lives here. `npm run lint` (run by `npm test`) checks bot/, tab/ and scripts/.
 */
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.data*/**', 'appPackage/build/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // Unused names are errors, except the `_` prefix that marks a deliberately ignored one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Type-only imports are erased: the tab's verbatimModuleSyntax needs them marked, and a
      // contract imported by the tab must never pull server code into the bundle.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      'object-shorthand': ['error', 'properties'],
    },
  },
  {
    files: ['bot/**/*.{ts,js,mjs}', 'scripts/**/*.{js,mjs,cjs}', '*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The service's hot paths: an object literal with a getter or setter gets its own accessor
    // pair in V8's old generation, and its closure then keeps whatever it captures (a request,
    // its response) alive through every young-generation GC until a full one (issue #13). Use a
    // class with the accessor on its prototype, or a plain property.
    files: ['bot/src/**/*.ts'],
    ignores: ['bot/src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > Property[kind=/^(get|set)$/]',
          message:
            'No getters or setters in object literals in the service: V8 allocates their accessor pair in the old generation, so whatever the closure captures is promoted. Use a class.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bot/**/*.test.ts', 'bot/test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
  {
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  }
);
