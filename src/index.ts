// Worker entry: the HTTP app, the queue consumers, and the vector store Durable Object class.
import { createApp } from "./http/app";
import { consumeQueue } from "./platform/queues/consumer";

export { VectorStoreObject } from "./platform/store-object/object";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consumeQueue(batch, env),
} satisfies ExportedHandler<Env>;
