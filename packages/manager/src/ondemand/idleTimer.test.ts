import { describe, expect, it } from 'vitest';
import { fakeSleep } from '../../test/fakeSleep.js';
import { IdleTimer } from './idleTimer.js';

describe('IdleTimer', () => {
  const setup = (timeout: number, held = () => false) => {
    const clock = fakeSleep();
    let fired = 0;
    const timer = new IdleTimer(timeout, clock.sleep, held, () => {
      fired += 1;
    });
    return { clock, timer, fired: () => fired };
  };

  it('fires once the timeout passes with nothing in flight; a touch starts the wait over', async () => {
    const { clock, timer, fired } = setup(100);
    timer.touch();
    await clock.advance(60);
    timer.touch();
    await clock.advance(60);
    expect(fired()).toBe(0);
    await clock.advance(40);
    expect(fired()).toBe(1);
  });

  it('never fires while a call is in flight or something holds it', async () => {
    let holding = true;
    const { clock, timer, fired } = setup(100, () => holding);
    timer.begin();
    await clock.advance(1000);
    timer.end();
    await clock.advance(100);
    expect(fired()).toBe(0);
    holding = false;
    timer.touch();
    await clock.advance(100);
    expect(fired()).toBe(1);
  });

  it('a timeout of 0 never waits; cancel drops the wait', async () => {
    const off = setup(0);
    off.timer.touch();
    expect(off.clock.pending()).toBe(0);
    const on = setup(100);
    on.timer.touch();
    on.timer.cancel();
    await on.clock.advance(100);
    expect(on.fired()).toBe(0);
  });
});
