// ESLint, zero warnings allowed (`--max-warnings 0`). Layer boundaries are also enforced here,
// in addition to the boundary test and the two tsconfig projects.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltinNames = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'stream', 'worker_threads', 'url', 'util', 'zlib', 'events', 'buffer', 'module', 'electron'];
const noNode = (message) => ({ paths: nodeBuiltinNames.map((name) => ({ name, message })), patterns: [{ group: ['node:*'], message }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**', '**/*.cjs', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', (() => {
        const rule = noNode('the renderer uses only window.helpdesk and electron/common');
        rule.patterns.push({ group: ['**/electron/services/**', '**/electron/shell/**'], message: 'the renderer may only import electron/common' });
        return rule;
      })()],
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', (() => {
        const rule = noNode('common has no Node and no DOM');
        rule.patterns.push({ group: ['**/services/**', '**/shell/**'], message: 'common may only import common' });
        return rule;
      })()],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'services are plain Node; only electron/shell imports electron' }], patterns: ['**/shell/**'] }],
    },
  },
);
