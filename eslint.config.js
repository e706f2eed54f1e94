// Lint: typed rules that catch what the compiler does not (unawaited promises, async callbacks
// where a void one is expected) and the project's import rules. `npm run lint`; CI runs it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'services/core/generated/**', 'services/node/dashboard/**', 'drill-out/**', 'bench-out/**', '.tipnet/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Production code never reaches for development-only packages; the container runtime of the
    // test harness is the one place allowed to load testcontainers (lazily, only when asked).
    files: ['services/**/*.ts'],
    ignores: ['services/local-nats/container-runtime.ts', 'services/core/proto.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@testcontainers/*', 'testcontainers', 'playwright-core', 'playwright', 'oidc-provider'], message: 'development-only package: not for services/' },
          { regex: 'generated/tip(\\.js)?$', message: 'import the protobuf code through core (services/core/mod.ts), never the generated file' },
        ],
      }],
    },
  },
);
