// Typed access to the per-store objects (one object per vector store, addressed by the store id).
import type { StoreObjectPort } from "./port";

/** Where store objects are found by name: a Durable Object namespace whose stubs speak StoreObjectPort. */
export interface StoreObjectNamespace {
  getByName(name: string): StoreObjectPort;
}

export class StoreObjects {
  constructor(private readonly ns: StoreObjectNamespace) {}

  get(storeId: string): StoreObjectPort {
    return this.ns.getByName(storeId);
  }
}
