// Worker entry: the HTTP app, the queue consumers, the Cron Trigger, and the vector store Durable Object class.
import { createApp } from "./http/app";
import { consumeQueue } from "./platform/queues/consumer";
import { runScheduled } from "./platform/cron/sweep";

export { VectorStoreObject } from "./platform/store-object/object";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consumeQueue(batch, env),
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>;
