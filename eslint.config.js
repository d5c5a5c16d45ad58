// ESLint for the whole repository (flat config, typescript-eslint with type information).
// The rules that catch real bugs (a promise nobody awaits, an async callback where a sync one is
// expected, a switch that forgets a case) and the layer boundaries of ../shared/CONVENTIONS.md;
// layout is Prettier's business (.prettierrc.json), so no stylistic rule lives here.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const drizzle = {
  regex: '^drizzle-orm(/.*)?$',
  message:
    'Only data access builds queries (a repository, the module’s read model or resource definitions, platform/crud, *.tables.ts, src/db, src/seed, tests): call the module’s repository.',
};
const anyTables = {
  regex: '\\.tables\\.ts$',
  message:
    'Tables are imported by their module’s data access only (repository, read model, resource definitions); go through the repository or service.',
};
// From modules/<m>/ (or a platform folder) `../<other>/x.tables.ts` is another module's tables.
const otherTables = {
  regex: '^(\\.\\./)+.+/[^/]+\\.tables\\.ts$',
  message: 'A module never imports another module’s tables: read them through that module’s service or repository.',
};
const typeImportsAllowed = (pattern) => ({ ...pattern, allowTypeImports: true });
const server = {
  regex: '(^@jiaowu/server($|/))|((^|/)server/src/)',
  message: 'The web app talks to the server over HTTP only; shared types live in @jiaowu/contracts.',
};

export default defineConfig(
  {
    ignores: ['**/node_modules/', '**/dist/', '.tmp/', 'data/', '**/e2e/screenshots/', 'packages/server/src/db/migrations/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: {
          // Config files sit outside the packages' tsconfig projects (the root benches have bench/tsconfig.json).
          allowDefaultProject: ['vitest.config.ts', 'packages/server/drizzle.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression[typeAnnotation.type="TSNeverKeyword"]',
          message: '`as never` silences the type checker; type the value (or narrow it) instead.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests may use `any` for hand-made bad input and fixtures.
    files: ['**/*.test.ts', '**/*.e2e.ts', 'packages/server/src/test/**', 'packages/solver/test/**', 'packages/web/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Layer boundaries of the server. Only data-access files build queries; a type-only import
  // (`import type { SQL } from 'drizzle-orm'`) builds nothing, so it is allowed everywhere.
  {
    files: ['packages/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [drizzle, anyTables].map(typeImportsAllowed) }],
    },
  },
  {
    // Data access of one module: its repository, its exported read model (docs/architecture.md) and
    // its resource definitions (columns and joins for the generic crud layer) build queries with
    // Drizzle over the module's own tables; the generic repository layer (platform/crud) too.
    files: [
      'packages/server/src/**/*.repository.ts',
      'packages/server/src/**/*-repository.ts',
      'packages/server/src/**/*.read-model.ts',
      'packages/server/src/**/*.resource.ts',
      'packages/server/src/**/*.resources.ts',
      'packages/server/src/platform/crud/*.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherTables].map(typeImportsAllowed) }] },
  },
  {
    // The schema itself: tables reference other modules' tables by foreign key, the schema index
    // collects them all for drizzle-kit, the seed writes the demo school in bulk.
    files: ['packages/server/src/**/*.tables.ts', 'packages/server/src/db/**', 'packages/server/src/seed/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // Tests and their factories and fixtures arrange data directly.
    files: ['packages/server/src/**/*.test.ts', 'packages/server/src/test/**', 'packages/server/src/**/test/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },

  // The web app never imports server code.
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [server] }] },
  },
);
