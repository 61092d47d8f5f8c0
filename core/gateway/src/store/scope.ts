import type { Mode } from '../domain/channel.js';

/** Every query is scoped to one shop and mode: a key of shop A never sees shop B's data. */
export interface ShopScope {
  shopId: string;
  mode: Mode;
}
