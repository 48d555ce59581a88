import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.cache/**', 'models/bundled/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-globals': ['error',
        { name: 'chrome', message: 'Only extension/platform/ touches extension APIs.' },
        { name: 'browser', message: 'Only extension/platform/ touches extension APIs.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['extension/platform/**', 'test/**'], rules: { 'no-restricted-globals': 'off' } },
  {
    files: ['demo/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', location: 'readonly' } },
    rules: { 'no-restricted-globals': 'off' },
  },
);
