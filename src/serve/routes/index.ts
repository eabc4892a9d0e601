// The serve face's whole route table. Each module contributes a list of routes; the OpenAPI document is built from
// this same table, so a route added here is documented (the OpenAPI test checks that every route is listed).
import { Router } from '../router';
import { healthRoutes } from './health';

/** Adds routes to the table (the browser pages register theirs this way). */
export type RouteRegistrar = (router: Router) => void;

export function buildRouter(...extra: RouteRegistrar[]): Router {
  const router = new Router();
  router.add(...healthRoutes());
  for (const register of extra) register(router);
  return router;
}
