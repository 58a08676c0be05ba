import { packageBuild } from '@org/build-config/tsup';

// One entry per framework, so that importing one never loads another (each framework stays external: a peer).
export default packageBuild(['src/index.ts', 'src/ai-sdk.ts', 'src/langchain.ts', 'src/openai-agents.ts']);
