/**
 * The arrows of the architecture, checked on every `npm test`
 * (test/architecture/dependency-rules.test.ts): the core knows no front end,
 * no data layer and no framework; the conversation engine reaches no
 * repository; front ends reach the core through its public surface; the data
 * layer implements the core's ports and nothing else.
 */
const CORE_PUBLIC_SURFACE =
  '^core/([^/]+/index\\.ts|index\\.ts|services\\.ts|shared/[^/]+\\.ts|config/config\\.ts|logging/logger\\.ts|store/(ports|direct-line-store)\\.ts)$';
const CORE_FOR_DATA = '^core/(store/(ports|direct-line-store)\\.ts|shared/[^/]+\\.ts|security/[^/]+\\.ts|config/config\\.ts|[^/]+/index\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-knows-no-front-end-or-data',
      comment: 'core/ is channel-agnostic: it never imports a front end, the data layer, the composition root or scripts.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(bot|ivr|desk|data|app|banking|scripts|transcripts|prisma|bench|generated)/' },
    },
    {
      name: 'core-knows-no-framework',
      comment: 'core/ never imports a channel library, a web framework or a database driver.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: 'node_modules/(botbuilder|botframework-[^/]+|restify|twilio|@prisma|prisma|ws|pg|better-sqlite3|express)/' },
    },
    {
      name: 'engine-reaches-no-repository',
      comment:
        'The conversation engine calls the domain services (core/services.ts lists them; core/conversation/services-port.ts picks the ones it uses) and never a repository: of core/store it may use only its own session store port.',
      severity: 'error',
      from: { path: '^core/conversation/' },
      to: { path: '^core/store/', pathNot: '^core/store/session-store\\.ts$' },
    },
    {
      name: 'front-ends-use-the-core-surface',
      comment: "bot/, ivr/ and desk/ reach the core through its folders' index files, its services, config, logger, shared types and ports.",
      severity: 'error',
      from: { path: '^(bot|ivr|desk)/' },
      to: { path: '^core/', pathNot: CORE_PUBLIC_SURFACE },
    },
    {
      name: 'front-ends-are-independent',
      comment: 'The web chat and the phone line render the same engine and never import each other, nor the data layer.',
      severity: 'error',
      from: { path: '^bot/' },
      to: { path: '^(ivr|data)/' },
    },
    {
      name: 'phone-line-is-independent',
      severity: 'error',
      from: { path: '^ivr/' },
      to: { path: '^(bot|data)/' },
    },
    {
      name: 'agent-desk-is-independent',
      comment: 'The agent desk reaches chats and calls through the core (the handoff desk), never through a channel front end or the data layer.',
      severity: 'error',
      from: { path: '^desk/' },
      to: { path: '^(bot|ivr|data)/' },
    },
    {
      name: 'data-implements-core-ports',
      comment: 'data/ implements the ports of core/store and uses the core only for its types, security primitives and config.',
      severity: 'error',
      from: { path: '^data/' },
      to: { path: '^(core|bot|ivr|app|transcripts)/', pathNot: CORE_FOR_DATA },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|generated|dist|var)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
