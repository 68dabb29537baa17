// The layer rules: events ← domain ← functions ← infra. `npm run lint` runs them over the tree, and
// test/unit/layer-rules.test.ts shows each one failing on a planted wrong-way import.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-only-events',
      severity: 'error',
      comment: 'The domain is pure: it knows the event catalogue and itself, never a handler, the store or AWS.',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['local'], pathNot: '^(domain|events)/' },
    },
    {
      name: 'events-import-only-events',
      severity: 'error',
      comment: 'The event catalogue is the bottom layer: everything else may read it, it reads nothing of ours.',
      from: { path: '^events/' },
      to: { dependencyTypes: ['local'], pathNot: '^events/' },
    },
    {
      name: 'functions-never-import-infra',
      severity: 'error',
      comment:
        'Lambda code ships alone: what infra defines and functions need (table env names, event patterns) lives in functions/lib or events/.',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'infra-local-never-imported-by-functions',
      severity: 'error',
      comment: 'The local emulator must never end up in a Lambda bundle.',
      from: { path: '^functions/' },
      to: { path: '^infra/local/' },
    },
    {
      name: 'functions-lib-never-imports-api-or-projections',
      severity: 'error',
      comment: 'functions/lib serves the entry points; it never reaches up into them.',
      from: { path: '^functions/lib/' },
      to: { path: '^functions/(api|projections)/' },
    },
    {
      name: 'clients-stand-alone',
      severity: 'error',
      comment:
        'The TypeScript client ships to workstation developers: it knows the API only through docs/openapi.json, never the server code.',
      from: { path: '^clients/' },
      to: { path: '^(functions|domain|infra|events|scripts|bench|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|\\.local)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
