// The layer rules of docs/architecture.md, checked by `npm run lint` (depcruise): the core (src/) stays free of
// adapters, workers and queue libraries, adapters stay independent of each other, and nothing imports in a circle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and hides which module owns a concept: move the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-not-to-edges',
      severity: 'error',
      comment: 'src/ is the platform-agnostic core: adapters/ and workers/ depend on it, never the other way round.',
      from: { path: '^src/' },
      to: { path: '^(adapters|workers|bin)/' },
    },
    {
      name: 'core-no-platform-libraries',
      severity: 'error',
      comment:
        'Web frameworks, chat SDKs and the queue library live in adapters/ and workers/; the core talks to ports.',
      from: { path: '^src/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        path: 'node_modules/(express|grammy|@grammyjs|discord\\.js|@discordjs|bullmq|@bull-board)/',
      },
    },
    {
      name: 'adapters-independent',
      severity: 'error',
      comment:
        'An adapter may use another adapter only through adapters/http/index.ts (the shared HTTP policies); only the serve ' +
        'process (adapters/http/serve-command.ts) mounts the other adapters.',
      from: { path: '^adapters/([^/]+)/', pathNot: '^adapters/http/serve-command\\.ts$' },
      to: { path: '^adapters/', pathNot: ['^adapters/$1/', '^adapters/http/index\\.ts$'] },
    },
    {
      name: 'training-is-offline',
      severity: 'error',
      comment: 'models/training is Python tooling, never imported.',
      from: {},
      to: { path: '^models/training/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
