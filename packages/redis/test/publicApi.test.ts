import { pinPublicApi } from '@org/build-config/public-api';

// The package's whole public API, each entry's values and types, is test/publicApi.json.
pinPublicApi(new URL('..', import.meta.url));
