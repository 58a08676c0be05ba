import { describe, expect, it } from 'vitest';
import { ListSlot } from './listSlot.js';

/** A fetch whose listings the test settles by hand, in any order. */
function manualFetch() {
  const pending: { resolve: (items: string[]) => void; reject: (error: Error) => void }[] = [];
  const fetch = () =>
    new Promise<readonly string[]>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { fetch, pending };
}

describe('ListSlot', () => {
  it('lists once and keeps the list until a change', async () => {
    const { fetch, pending } = manualFetch();
    const slot = new ListSlot(fetch);
    const first = slot.get();
    const joined = slot.get();
    expect(pending).toHaveLength(1);
    pending[0]?.resolve(['a']);
    expect(await first).toEqual(['a']);
    expect(await joined).toEqual(['a']);
    expect(await slot.get()).toEqual(['a']);
    expect(pending).toHaveLength(1);
  });

  it('a change lists again at once and swaps in; a listing overtaken by a change is not kept', async () => {
    const { fetch, pending } = manualFetch();
    const slot = new ListSlot(fetch);
    const stale = slot.get();
    const changed = slot.changed();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(['new']);
    await changed;
    pending[0]?.resolve(['old']);
    expect(await stale).toEqual(['old']);
    expect(await slot.get()).toEqual(['new']);
  });

  it('a change before any listing lists nothing; a failed listing is not kept', async () => {
    const { fetch, pending } = manualFetch();
    const slot = new ListSlot(fetch);
    await slot.changed();
    expect(pending).toHaveLength(0);
    const failing = slot.get();
    pending[0]?.reject(new Error('down'));
    await expect(failing).rejects.toThrow('down');
    const again = slot.get();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(['back']);
    expect(await again).toEqual(['back']);
  });
});
