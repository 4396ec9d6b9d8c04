import type { z } from 'zod';

/**
 * `Response.json` of a documented answer: the body must have the type of the schema the OpenAPI document
 * (server/opendata/api-routes.ts) shows for it, so a route cannot drift from its documentation without a
 * compile error; tests/integration/openapi.test.ts checks the live answers against the same schemas.
 */
export function answer<S extends z.ZodType>(_schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return Response.json(body, init);
}
