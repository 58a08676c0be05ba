import { z } from 'zod';

/** Scopes as Claude Code writes them (one space-separated string) or as Cursor does (a list). */
const scopes = z
  .union([z.string().min(1), z.array(z.string().min(1))], {
    error: 'expected a space-separated string or a list of scopes',
  })
  .meta({ description: 'The scopes to ask for: "a b" (Claude Code) or ["a", "b"] (Cursor).' });

/**
 * The `oauth` block of a remote server, in the union of the shapes Claude Code (`clientId`,
 * `callbackPort`, `scopes`), VS Code (`clientId`) and our own fields take; `false` means never
 * authorize. Unknown keys are allowed and dropped.
 */
export const OAuthEntrySchema = z.union([
  z.literal(false),
  z
    .object({
      clientId: z.string().min(1).meta({ description: 'A client registered beforehand.' }),
      clientSecret: z
        .string()
        .min(1)
        .meta({ description: "That client's secret: only a ${VAR} reference, never the value itself." }),
      scopes,
      callbackPort: z
        .number()
        .int('must be a whole port number')
        .min(1, 'must be a port from 1 to 65535')
        .max(65_535, 'must be a port from 1 to 65535')
        .meta({ description: 'Claude Code: the loopback callback is http://127.0.0.1:PORT/callback.' }),
      redirectUri: z.string().min(1).meta({ description: 'The redirect URI, instead of a callback port.' }),
      clientMetadataUrl: z
        .string()
        .min(1)
        .meta({ description: "An https URL that is this client's ID metadata document." }),
      authServerMetadataUrl: z.string().min(1).meta({
        description:
          "Claude Code: where the authorization server's metadata is, instead of finding it (https, or http on loopback).",
      }),
      privateKeyFile: z
        .string()
        .min(1)
        .meta({ description: 'A PEM private key for private_key_jwt, relative to the config file.' }),
    })
    .partial(),
]);

/** Cursor's static OAuth client: `auth: { CLIENT_ID, CLIENT_SECRET, scopes }`. */
export const CursorAuthSchema = z
  .object({
    CLIENT_ID: z.string().min(1).meta({ description: 'Cursor: the client id.' }),
    CLIENT_SECRET: z
      .string()
      .min(1)
      .meta({ description: 'Cursor: the client secret, as a ${VAR} reference.' }),
    scopes,
  })
  .partial();

export type OAuthEntry = z.infer<typeof OAuthEntrySchema>;
export type CursorAuthEntry = z.infer<typeof CursorAuthSchema>;
