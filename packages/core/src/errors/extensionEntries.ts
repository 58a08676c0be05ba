import type { ErrorCodeEntry } from './errorCatalogue.js';
import type {
  AgentToolsErrorCode,
  AppsErrorCode,
  AuthErrorCode,
  SkillsErrorCode,
  TaskErrorCode,
} from './errorCodes.js';

type Code =
  | (typeof SkillsErrorCode)[keyof typeof SkillsErrorCode]
  | (typeof AppsErrorCode)[keyof typeof AppsErrorCode]
  | (typeof AgentToolsErrorCode)[keyof typeof AgentToolsErrorCode]
  | (typeof TaskErrorCode)[keyof typeof TaskErrorCode]
  | (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** The catalogue's entries for the extensions and packages beside the stack: skills, apps, agent tools, tasks, OAuth. */
export const EXTENSION_ENTRIES: Readonly<Record<Code, ErrorCodeEntry>> = {
  SKILLS_UNSUPPORTED: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: 'the server does not declare the skills extension (`io.modelcontextprotocol/skills`)',
  },
  SKILL_NOT_FOUND: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: 'the server serves no skill at that URI (`skills/get` answered -32602)',
  },
  SKILL_ENTRY_INVALID: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a skill entry that breaks the extension's rules (URI, name, file list)",
  },
  SKILL_UNVERIFIABLE: {
    class: 'MCPProtocolError',
    retry: false,
    meaning:
      'a skill without a file list (`resources: "dynamic"`), which cannot be verified, so is not loaded',
  },
  SKILL_TOO_LARGE: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: 'a skill or file past a bound (`maxFilesPerSkill`, `maxFileBytes`)',
  },
  SKILL_FILE_UNLISTED: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a read of a file the skill's entry does not list; nothing is fetched",
  },
  SKILL_FILE_SIZE_MISMATCH: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a skill file whose byte length is not its entry's `size`",
  },
  SKILL_FILE_DIGEST_MISMATCH: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a skill file whose sha256 is not its entry's `digest`",
  },
  SKILL_FRONTMATTER_MISMATCH: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a `SKILL.md` whose YAML frontmatter is missing, invalid or not the entry's `frontmatter`",
  },
  APP_VIEW_MISSING: {
    class: 'MCPError',
    retry: false,
    meaning: 'the tool has no MCP Apps view (`_meta.ui.resourceUri`)',
  },
  APP_VIEW_INVALID: {
    class: 'MCPProtocolError',
    retry: false,
    meaning:
      "a view's `ui://` resource is not one HTML document of type `text/html;profile=mcp-app`, or is over the size limit",
  },
  APP_CALL_REFUSED: {
    class: 'MCPError',
    retry: false,
    meaning: 'a view called a tool of another server, or one whose visibility does not include `app`',
  },
  TOOL_CALL_FAILED: {
    class: 'MCPError',
    retry: false,
    meaning:
      'a tool an agent framework ran came back as an error (`isError`, or the call failed; `cause`); the message is what the model reads',
  },
  TASKS_UNSUPPORTED: {
    class: 'MCPProtocolError',
    retry: false,
    meaning:
      'the server, or the tool (`execution.taskSupport`), does not support that task operation in its era',
  },
  TASK_CANCELLED: {
    class: 'MCPError',
    retry: false,
    meaning: 'the task was cancelled before it produced a result',
  },
  TASK_INTERRUPTED: {
    class: 'MCPConnectionError',
    retry: false,
    meaning:
      'the connection a task was waited on closed (disconnect, restart, stop, removal); the task may be gone with its server',
  },
  AUTH_REQUIRED: {
    class: 'MCPAuthError',
    retry: false,
    meaning:
      'the server needs authorization and no handler can get it (or the stored grant was revoked); configure `authorizationHandler` or credentials',
  },
  AUTH_DISCOVERY_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'no usable protected resource or authorization server metadata was found',
  },
  AUTH_RESOURCE_MISMATCH: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the protected resource metadata names another resource than this server',
  },
  AUTH_ISSUER_MISMATCH: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'authorization server metadata, or an authorization response (`iss`), names another issuer',
  },
  AUTH_INSECURE_ENDPOINT: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'an authorization, token or registration endpoint that is neither https nor loopback http',
  },
  AUTH_REGISTRATION_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning:
      'no client could be had: none pre-registered, no client ID metadata document, dynamic registration refused or absent',
  },
  AUTH_AUTHORIZATION_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the authorization step failed: denied, timed out, or a callback with the wrong `state`',
  },
  AUTH_TOKEN_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the token endpoint refused or answered badly (`oauthError`, `oauthErrorDescription`)',
  },
  AUTH_SCOPE_DENIED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the server kept asking for more scope (403 `insufficient_scope`) after 3 authorizations',
  },
  AUTH_STORE_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the token store could not be read or written',
  },
};
