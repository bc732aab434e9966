import { describe, expect, it } from 'vitest';
import { PollLus } from './poll-lus';

const even = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PollLus', () => {
  it('runs again at once after a full round, waits the interval after a short one, and a nudge cuts the wait', async () => {
    const rondes: number[] = [];
    let vol = 3;
    const lus = new PollLus(async () => {
      rondes.push(Date.now());
      return vol-- > 0;
    }, 60_000);
    lus.start();
    await even(50);
    expect(rondes).toHaveLength(4); // three full rounds at once, then a short one, then the 60 s wait
    lus.nudge();
    await even(20);
    expect(rondes).toHaveLength(5);
    await lus.stop();
    expect(lus.running).toBe(false);
  });

  it('stop lets the running round finish and then runs voorbij once', async () => {
    let klaar = false;
    let voorbij = 0;
    const lus = new PollLus(async () => {
      await even(30);
      klaar = true;
      return false;
    }, 60_000);
    lus.start(async () => void voorbij++);
    await even(5);
    await lus.stop();
    expect(klaar).toBe(true);
    expect(voorbij).toBe(1);
  });
});
