import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const platformSdks = ['express', 'grammy', '@grammyjs/*', 'discord.js', '@discordjs/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'models/training/**', 'coverage/**', 'adapters/web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core stays platform-agnostic: adapters and workers depend on src/, never the other way round.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/workers/**'], message: 'src/ must not import adapters/ or workers/.' },
            { group: platformSdks, message: 'src/ must not import platform SDKs or web frameworks; put that in adapters/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
