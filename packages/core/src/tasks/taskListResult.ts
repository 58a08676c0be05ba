import { z } from 'zod';

/** A `tasks/list` page (2025-11-25); each task is read by readTaskInfo. */
export const TaskListResultSchema = z.looseObject({
  tasks: z.array(z.unknown()),
  nextCursor: z.string().nullish(),
});
