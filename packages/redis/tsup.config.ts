import { packageBuild } from '@org/build-config/tsup';

export default packageBuild();
