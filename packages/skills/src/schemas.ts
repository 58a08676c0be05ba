import { z } from 'zod';

// The wire shapes of skills/list and skills/get. Loose, as core's list schemas are: fields a later
// revision adds pass through. What the shapes cannot say (URIs, names) is entryRules' job.

const FileEntrySchema = z.looseObject({
  uri: z.string().min(1),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'not sha256:<64 lowercase hex digits>'),
  size: z.number().int().nonnegative().optional(),
});

export const SkillEntrySchema = z.looseObject({
  uri: z.string().min(1),
  frontmatter: z.looseObject({ name: z.string().min(1), description: z.string() }),
  // Left out (an earlier draft) or "dynamic": a skill generated per request, with no digests.
  resources: z.union([z.array(FileEntrySchema), z.literal('dynamic')]).optional(),
});

export type SkillEntry = z.infer<typeof SkillEntrySchema>;

export const ListSkillsPageSchema = z.looseObject({
  skills: z.array(SkillEntrySchema),
  nextCursor: z.string().nullish(),
});

export const GetSkillResultSchema = z.looseObject({ skill: SkillEntrySchema });
