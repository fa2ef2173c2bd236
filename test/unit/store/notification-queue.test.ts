import { InProcessQueue } from '../../../src/store/notification-queue';
import type { Notification } from '../../../src/upstream/notification';
import { silentLogger } from '../../../src/telemetry/logger';

const note = (id: string): Notification => ({ id, type: 1, shopId: '1', timestamp: 0, orderId: id });

describe('InProcessQueue', () => {
  it('processes after enqueue has returned, one at a time, in arrival order', async () => {
    const seen: string[] = [];
    let running = 0;
    const queue = new InProcessQueue(async (n) => {
      running += 1;
      expect(running).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(n.id);
      running -= 1;
    }, silentLogger);
    await queue.enqueue(note('a'));
    await queue.enqueue(note('b'));
    expect(seen).toEqual([]);
    await queue.drain();
    expect(seen).toEqual(['a', 'b']);
  });

  it('logs a failed notification and goes on with the next', async () => {
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (obj: unknown) => errors.push(obj) } as unknown as typeof silentLogger;
    const seen: string[] = [];
    const queue = new InProcessQueue(async (n) => {
      if (n.id === 'bad') throw new Error('ledger down');
      seen.push(n.id);
    }, logger);
    await queue.enqueue(note('bad'));
    await queue.enqueue(note('good'));
    await queue.drain();
    expect(seen).toEqual(['good']);
    expect(errors).toHaveLength(1);
  });

  it('finishes queued work on close and refuses more', async () => {
    const seen: string[] = [];
    const queue = new InProcessQueue(async (n) => void seen.push(n.id), silentLogger);
    await queue.enqueue(note('a'));
    await queue.close();
    expect(seen).toEqual(['a']);
    await expect(queue.enqueue(note('b'))).rejects.toThrow(/closed/);
  });
});
