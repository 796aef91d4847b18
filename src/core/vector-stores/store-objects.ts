// Typed access to the per-store Durable Objects (one object per vector store, addressed by the store id).
import type { VectorStoreObject } from "../../platform/store-object/object";

export class StoreObjects {
  constructor(private readonly ns: DurableObjectNamespace<VectorStoreObject>) {}

  get(storeId: string): DurableObjectStub<VectorStoreObject> {
    return this.ns.getByName(storeId);
  }
}
