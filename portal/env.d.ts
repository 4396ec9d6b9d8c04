declare namespace App {
  interface Locals {
    /** The process's runtime (database, search, configuration), set by the middleware on every request. */
    runtime: import('./server/runtime').Runtime;
  }
}
