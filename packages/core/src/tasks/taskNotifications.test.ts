import { describe, expect, it } from 'vitest';
import type { Progress } from '../types/mcpTypes.js';
import { silentLogger } from '../util/logger.js';
import type { TaskInfo } from './taskInfo.js';
import { MAX_FOLLOWED_TASKS, TaskNotifications } from './taskNotifications.js';

const progress = (token: string, value: number) => ({
  jsonrpc: '2.0' as const,
  method: 'notifications/progress',
  params: { progressToken: token, progress: value },
});
const status = (taskId: string, value: string) => ({
  jsonrpc: '2.0' as const,
  method: 'notifications/tasks/status',
  params: { taskId, status: value, createdAt: 'a', lastUpdatedAt: 'b', ttl: null },
});

describe('TaskNotifications', () => {
  it('routes progress by token and status by task id, and forgets a task at its terminal status', () => {
    const router = new TaskNotifications(silentLogger, 's');
    const seen: Progress[] = [];
    const statuses: TaskInfo[] = [];
    const token = router.follow((p) => seen.push(p));
    router.receive(progress(token, 1));
    router.created(token, 't1');
    router.listen('t1', undefined, (t) => statuses.push(t));
    router.receive(status('t1', 'working'));
    router.receive(status('t1', 'bogus')); // invalid: ignored
    router.receive(status('t1', 'completed'));
    router.receive(status('t1', 'working')); // forgotten
    router.receive(progress(token, 2)); // forgotten
    expect(seen).toEqual([{ progress: 1 }]);
    expect(statuses.map((t) => t.status)).toEqual(['working', 'completed']);
  });

  it(`follows at most ${MAX_FOLLOWED_TASKS} tasks: the oldest goes first`, () => {
    const router = new TaskNotifications(silentLogger, 's');
    const seen: number[] = [];
    const tokens = Array.from({ length: MAX_FOLLOWED_TASKS + 1 }, (_, i) =>
      router.follow(() => seen.push(i)),
    );
    router.receive(progress(tokens[0] as string, 1));
    router.receive(progress(tokens[MAX_FOLLOWED_TASKS] as string, 1));
    expect(seen).toEqual([MAX_FOLLOWED_TASKS]);
    router.clear();
    router.receive(progress(tokens[MAX_FOLLOWED_TASKS] as string, 1));
    expect(seen).toEqual([MAX_FOLLOWED_TASKS]);
  });
});
