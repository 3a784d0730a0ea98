import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryDeliveryStore } from '../../src/store/memory-delivery-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import {
  describeAccountStoreContract,
  describeDeliveryStoreContract,
  describeSubscriptionStoreContract,
  describeThreatEventStoreContract,
} from './alert-stores.contract.js';

describeSubscriptionStoreContract('memory', async () => createMemorySubscriptionStore());
describeAccountStoreContract('memory', async () => createMemoryAccountStore());
describeThreatEventStoreContract('memory', async () => createMemoryThreatEventStore());
describeDeliveryStoreContract('memory', async () => createMemoryDeliveryStore());
