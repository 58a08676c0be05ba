import { describe, expect, it } from 'vitest';
import { KeptList } from './keptList.js';

/** A fetch whose listings the test settles by hand, in any order. */
function manualFetch() {
  const pending: { resolve: (items: string[]) => void; reject: (error: Error) => void }[] = [];
  const fetch = () =>
    new Promise<readonly string[]>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { fetch, pending };
}

describe('KeptList', () => {
  it('lists once and keeps the list until a change', async () => {
    const { fetch, pending } = manualFetch();
    const list = new KeptList(fetch);
    const first = list.get();
    const joined = list.get();
    expect(pending).toHaveLength(1);
    pending[0]?.resolve(['a']);
    expect(await first).toEqual(['a']);
    expect(await joined).toEqual(['a']);
    expect(await list.get()).toEqual(['a']);
    expect(pending).toHaveLength(1);
  });

  it('a change lists again at once and swaps in; a listing overtaken by a change is not kept', async () => {
    const { fetch, pending } = manualFetch();
    const list = new KeptList(fetch);
    const stale = list.get();
    const changed = list.changed();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(['new']);
    await changed;
    pending[0]?.resolve(['old']);
    expect(await stale).toEqual(['old']);
    expect(await list.get()).toEqual(['new']);
  });

  it('a change before any listing lists nothing; a failed listing is not kept', async () => {
    const { fetch, pending } = manualFetch();
    const list = new KeptList(fetch);
    await list.changed();
    expect(pending).toHaveLength(0);
    const failing = list.get();
    pending[0]?.reject(new Error('down'));
    await expect(failing).rejects.toThrow('down');
    const again = list.get();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(['back']);
    expect(await again).toEqual(['back']);
  });
});
