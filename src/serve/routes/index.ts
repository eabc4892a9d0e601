// The serve face's whole route table. Each module contributes a list of routes; the OpenAPI document is built from
// this same table, so a route added here is documented (the OpenAPI test checks that every route is listed).
import { version } from '../../../package.json';
import { sendJson } from '../http';
import { buildOpenApi } from '../openapi';
import { Router } from '../router';
import { healthRoutes } from './health';
import { historyRoutes } from './history';
import { metricsRoutes } from './metrics';
import { reportRoutes } from './report';
import { toolRoutes } from './tools';

/** Adds routes to the table (the browser pages register theirs this way). */
export type RouteRegistrar = (router: Router) => void;

export function buildRouter(...extra: RouteRegistrar[]): Router {
  const router = new Router();
  router.add(...healthRoutes(), ...toolRoutes(), ...reportRoutes(), ...historyRoutes(), ...metricsRoutes());
  let doc: Record<string, unknown> | undefined;
  router.add({
    method: 'GET',
    path: '/api/v1/openapi.json',
    doc: { summary: 'This document (OpenAPI 3.1)', tags: ['server'], responses: { 'application/json': undefined } },
    // Built on first use, after every registrar ran, so it lists the whole table.
    handler: ({ res }) => sendJson(res, 200, (doc ??= buildOpenApi(router, version))),
  });
  for (const register of extra) register(router);
  return router;
}
