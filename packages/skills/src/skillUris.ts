import { posix } from 'node:path';

const SKILL_FILE = '/SKILL.md';
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The skill's root directory (`skill://acme/refunds`) from its `SKILL.md` URI, or undefined if it is not one. */
export function skillRoot(uri: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(uri) || !uri.endsWith(SKILL_FILE)) return undefined;
  const root = uri.slice(0, -SKILL_FILE.length);
  return root.endsWith('/') ? undefined : root;
}

/** The last segment of a root: the skill's name, by the extension's rule. */
export function lastSegment(root: string): string {
  return root.slice(root.lastIndexOf('/') + 1);
}

/** Whether `uri` is a file inside `root`, with no empty, `.` or `..` segment that could leave it. */
export function isInside(root: string, uri: string): boolean {
  if (!uri.startsWith(`${root}/`)) return false;
  return uri
    .slice(root.length + 1)
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** A full URI as given; a path relative to the skill's root (`references/FORMS.md`) resolved as on a filesystem. */
export function resolveSkillPath(root: string, path: string): string {
  if (SCHEME.test(path)) return path;
  return `${root}/${posix.normalize(path).replace(/^\/+/, '')}`;
}
