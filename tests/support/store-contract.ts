/**
 * The store's contract, as one suite that runs against every implementation of the store ports: the
 * in-memory store (tests/unit/memory-store-contract.test.ts, no Redis) and the Redis store
 * (tests/integration/redis-store-contract.test.ts, also on the cluster). Each behaviour here is one a
 * caller relies on (src/core/ports.ts and the port files beside it), checked only through the ports, so
 * both stores must keep it; what only Redis can get wrong (Lua atomicity on the raw keys, the key scheme
 * and cluster slots, corrupt records, an unreachable server) stays in the Redis store's own tests.
 *
 *   storeContract('the in-memory store', async () => ({ …ports, elapse, close }));
 */
import { actionStoreContract } from './store-contract/action-store-contract';
import { channelRecordUpdatesContract } from './store-contract/channel-record-updates-contract';
import { channelRecordsContract } from './store-contract/channel-records-contract';
import { claimsAndSendsContract } from './store-contract/claims-and-sends-contract';
import type { StoreFixture } from './store-contract/fixture';
import { platformStoresContract } from './store-contract/platform-stores-contract';
import { userActionsContract } from './store-contract/user-actions-contract';

export type { StoreFixture } from './store-contract/fixture';

/** Declares the contract's describe/it blocks for the stores `make` gives (one fixture for the file). */
export function storeContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`${name} keeps the store contract`, () => {
    let fixture: StoreFixture | null = null;
    const get = (): StoreFixture => {
      if (!fixture) throw new Error('The store fixture was not made');
      return fixture;
    };
    beforeAll(async () => {
      fixture = await make();
    });
    afterAll(async () => {
      await fixture?.close();
    });
    actionStoreContract(get);
    channelRecordsContract(get);
    channelRecordUpdatesContract(get);
    claimsAndSendsContract(get);
    platformStoresContract(get);
    userActionsContract(get);
  });
}
