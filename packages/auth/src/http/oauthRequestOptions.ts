import type * as oauth from 'oauth4webapi';

/** The options every oauth4webapi request of a provider takes. */
export type OAuthRequestOptions = oauth.HttpRequestOptions<'GET' | 'POST', any> & {
  [oauth.allowInsecureRequests]?: boolean;
};
