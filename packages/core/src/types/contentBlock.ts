/**
 * The content blocks of tool results and prompt messages, as the specification names them: a
 * union on `type`, so `block.type === 'text'` narrows to a TextContent. Servers may add fields.
 */

/** Optional hints on a block: who it is for and how much it matters. */
export interface ContentAnnotations {
  audience?: Array<'user' | 'assistant'>;
  priority?: number;
  lastModified?: string;
  [key: string]: unknown;
}

interface BlockBase {
  annotations?: ContentAnnotations;
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface TextContent extends BlockBase {
  type: 'text';
  text: string;
}

export interface ImageContent extends BlockBase {
  type: 'image';
  /** Base64. */
  data: string;
  mimeType: string;
}

export interface AudioContent extends BlockBase {
  type: 'audio';
  /** Base64. */
  data: string;
  mimeType: string;
}

/** A resource the server points at without sending it. */
export interface ResourceLink extends BlockBase {
  type: 'resource_link';
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
}

/** The contents of one resource: text or base64 `blob`. */
export interface ResourceContents {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string;
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A resource sent inside the result. */
export interface EmbeddedResource extends BlockBase {
  type: 'resource';
  resource: ResourceContents;
}

export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource;
