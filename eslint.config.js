import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const platformSdks = ['express', 'grammy', '@grammyjs/*', 'discord.js', '@discordjs/*', 'bullmq', '@bull-board/*'];

// Clients are built once, by the composition root (src/app/clients, used by src/runtime.ts): nowhere else.
const clientConstructors = ['Redis', 'IORedis', 'OpenAI', 'MongoClient', 'Database', 'S3Client'].map((name) => ({
  selector: `NewExpression[callee.name='${name}']`,
  message: `Build a ${name} client in the composition root (src/app/clients) and pass it in.`,
}));

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
            {
              group: platformSdks,
              message:
                'src/ must not import platform SDKs, web frameworks or the queue library; put that in adapters/ or workers/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'workers/**/*.ts', 'bin/**/*.js'],
    ignores: ['src/app/clients/**'],
    rules: { 'no-restricted-syntax': ['error', ...clientConstructors] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
