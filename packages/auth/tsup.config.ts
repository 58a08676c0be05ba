import { packageBuild } from '@org/build-config/tsup';

export default packageBuild(['src/index.ts', 'src/light.ts']);
