// Test-only typing for the cloudflare:workers `exports` of our worker.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
