import type { Request, Response, Router } from 'express';

/**
 * The route pattern that served a request ("/kakao/skill", "/charts/:file"), read when the response is finished:
 * Express leaves `req.route` (the matched route) and `req.baseUrl` (its router's mount path) set by then.
 * A 404 that no route took is "unmatched", anything else without a route (static files) "other": never the raw path.
 */
export function routeLabel(req: Request, res: Response): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path === '/' && req.baseUrl ? '' : path}` || '/';
  return res.statusCode === 404 ? 'unmatched' : 'other';
}

/** The routes declared directly on a router, with its mount path: what /metrics shows at zero before any traffic. */
export function declaredRoutes(mountPath: string, router: Router): { method: string; route: string }[] {
  const base = mountPath === '/' ? '' : mountPath;
  const out: { method: string; route: string }[] = [];
  for (const layer of (
    router as unknown as { stack?: { route?: { path: unknown; methods?: Record<string, boolean> } }[] }
  ).stack ?? []) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') continue;
    for (const [method, on] of Object.entries(route.methods ?? {}))
      if (on && method !== '_all') out.push({ method: method.toUpperCase(), route: `${base}${route.path}` });
  }
  return out;
}
