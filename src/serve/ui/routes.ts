// The browser UI's routes: the pages (/, /report, /history, /chat), their static files, and the message endpoint
// the browser host posts the webviews' typed messages to (answers stream back as Server-Sent Events).
import { z } from 'zod';
import type { Route, Router } from '../router';
import { HttpError, sendText } from '../http';
import { openSse } from '../sse';
import { createAssetStore } from './assets';
import { ASSET_PREFIX, PAGES, renderPage } from './pages';
import { createUiHosts, UI_VIEWS, type UiHosts, type UiView } from './viewHosts';
import type { ServeDeps } from '../deps';
import { chatRoutes } from './chatRoutes';

const PAGE_DOC = { tags: ['ui'], auth: false as const, responses: { 'text/html': undefined } };

export function registerUiRoutes(router: Router): void {
  const assets = createAssetStore();
  // Created on first use: the hosts hold the engine-wide page state (range, pinned baseline).
  let hosts: UiHosts | undefined;
  const hostsFor = (deps: ServeDeps) => (hosts ??= createUiHosts(deps));

  const pages: Route[] = PAGES.map((p) => ({
    method: 'GET',
    path: p.path,
    // Pages carry no data (it comes through the API, which needs the token when one is set): no token needed.
    doc: { ...PAGE_DOC, summary: `Browser UI: the ${p.view} page` },
    handler: ({ res }) => {
      const { html, csp } = renderPage(p);
      sendText(res, 200, html, 'text/html; charset=utf-8', { 'Content-Security-Policy': csp });
    },
  }));

  router.add(
    ...pages,
    {
      method: 'GET',
      path: `${ASSET_PREFIX}:name`,
      doc: { summary: 'Browser UI: a script or style sheet of the pages', tags: ['ui'], auth: false, errors: [404], responses: { 'text/javascript': undefined, 'text/css': undefined } },
      handler: ({ res, params }) => {
        const a = assets.get(params.name);
        if (!a) throw new HttpError(404, `no UI asset "${params.name.slice(0, 60)}"`, 'the pages load only their own bundles; run `npm run build` when working from sources');
        res.writeHead(200, {
          'X-Content-Type-Options': 'nosniff',
          'Content-Type': a.type,
          'Content-Length': String(a.body.length),
          'Cache-Control': 'no-cache',
        });
        res.end(res.req?.method === 'HEAD' ? undefined : a.body);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/ui/:view/messages',
      doc: {
        summary: "Browser UI: one message from a page (the webviews' typed contract); the host's replies stream back as events",
        description: 'Each reply is an SSE event `message` whose data is one host → page message; the stream ends after the last reply.',
        tags: ['ui'],
        body: z.object({ type: z.string() }).passthrough(),
        errors: [400, 404],
        responses: { 'text/event-stream': undefined },
      },
      handler: async ({ res, params, deps, body, signal, query }) => {
        const view = params.view as UiView;
        if (!UI_VIEWS.includes(view)) throw new HttpError(404, `no UI view "${params.view.slice(0, 40)}"`, `one of ${UI_VIEWS.join(', ')}`);
        const raw = await body();
        const h = hostsFor(deps);
        let sse: ReturnType<typeof openSse> | undefined;
        const ok = await h.handle(view, raw, (msg) => (sse ??= openSse(res)).send('message', msg), { signal, query });
        if (!ok && !sse) throw new HttpError(400, `not a valid ${view} message`, 'send one of the messages of src/webview-contract/messages.ts');
        if (!sse) res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
        else sse.close();
      },
    },
    ...chatRoutes(),
  );
}
