import { packageBuild } from '@org/build-config/tsup';

export default packageBuild(['src/client.ts', 'src/run.ts'], { dts: false });
