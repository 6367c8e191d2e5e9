/**
 * The in-memory store keeps the store contract (tests/support/store-contract.ts), with no Redis: its
 * expiries follow a clock the test moves, so letting a TTL pass takes no time.
 */
import { memoryStores } from '../../src/store/memory/memory-stores';
import { storeContract } from '../support/store-contract';

storeContract('the in-memory store', async () => {
  const clock = { now: new Date('2026-07-01T09:00:00.000Z') };
  const stores = memoryStores({ now: () => clock.now });
  return {
    ...stores,
    consoleFeed: stores.consolePanes.feed(),
    clock,
    async elapse(seconds) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
    async close() {},
  };
});
