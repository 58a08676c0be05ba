import { z } from 'zod';
import type { ContentBlock, ResourceContents } from './contentBlock.js';

/**
 * The MCP result shapes the client reads. Loose objects: servers add fields across revisions
 * and the client passes them through untouched. Validated where the payload is a list result.
 */
export const ImplementationSchema = z.looseObject({ name: z.string(), version: z.string() });
export type Implementation = z.infer<typeof ImplementationSchema>;

export const ToolSchema = z.looseObject({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z.looseObject({ type: z.string().optional() }).optional(),
  outputSchema: z.looseObject({}).optional(),
  annotations: z.looseObject({}).optional(),
});
export type Tool = z.infer<typeof ToolSchema>;

const cursor = z.string().nullish();

export const ListToolsResultSchema = z.looseObject({ tools: z.array(ToolSchema), nextCursor: cursor });
export const ResourceSchema = z.looseObject({ uri: z.string(), name: z.string().optional() });
export type Resource = z.infer<typeof ResourceSchema>;
export const ListResourcesResultSchema = z.looseObject({
  resources: z.array(ResourceSchema),
  nextCursor: cursor,
});
export const ResourceTemplateSchema = z.looseObject({ uriTemplate: z.string(), name: z.string().optional() });
export type ResourceTemplate = z.infer<typeof ResourceTemplateSchema>;
export const ListResourceTemplatesResultSchema = z.looseObject({
  resourceTemplates: z.array(ResourceTemplateSchema),
  nextCursor: cursor,
});
export const PromptSchema = z.looseObject({ name: z.string(), description: z.string().optional() });
export type Prompt = z.infer<typeof PromptSchema>;
export const ListPromptsResultSchema = z.looseObject({ prompts: z.array(PromptSchema), nextCursor: cursor });

/** A content block (contentBlock.ts); the name earlier releases used. */
export type Content = ContentBlock;

export interface CallToolResult {
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  [key: string]: unknown;
}

export interface ReadResourceResult {
  contents: ResourceContents[];
  [key: string]: unknown;
}

export interface GetPromptResult {
  description?: string;
  messages: Array<{ role: 'user' | 'assistant'; content: ContentBlock }>;
  [key: string]: unknown;
}

export const InitializeResultSchema = z.looseObject({
  protocolVersion: z.string(),
  capabilities: z.looseObject({}),
  serverInfo: ImplementationSchema,
  instructions: z.string().optional(),
});

export type ServerCapabilities = Record<string, unknown>;
export type ClientCapabilities = Record<string, unknown>;

/** The severities of `notifications/message` and `logging/setLevel` (RFC 5424), least severe first. */
export const LOGGING_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;
export type LoggingLevel = (typeof LOGGING_LEVELS)[number];

/** `notifications/progress` params. */
export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}
