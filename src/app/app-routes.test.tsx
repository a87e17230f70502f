import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PAGE_PATHS, isPagePath } from '@contract/page-paths';
import { AppRoutes } from './app-routes';

/** Every `<Route>` of the tree, as the path it matches ('/' for the index route, '*' for the rest). */
function routePaths(node: ReactNode): string[] {
  return Children.toArray(node).flatMap((child) => {
    if (!isValidElement(child)) return [];
    const { path, index, children } = (child as ReactElement<{ path?: string; index?: boolean; children?: ReactNode }>).props;
    const own = child.type === Route && (index ? ['/'] : path !== undefined ? [path] : []);
    return [...(own || []), ...routePaths(children)];
  });
}

describe('the app’s pages', () => {
  it('are exactly the paths the gateway answers as pages (contract/page-paths), plus the catch-all', () => {
    const paths = routePaths(AppRoutes());
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((p) => p !== '*').sort()).toEqual(Object.values(PAGE_PATHS).sort());
    expect(paths.filter((p) => p === '*')).toHaveLength(1);
  });

  it('matches a page address as the router does, and nothing else', () => {
    for (const path of ['/', '/login', '/locks', '/locks/', '/locks/A%20B', '/groups/7', '/people/12', '/alerts', '/alerts/rules', '/alerts/contacts/', '/alerts/outbox', '/reports', '/reports/battery', '/reports/reliability/', '/reports/usage']) expect(isPagePath(path), path).toBe(true);
    for (const path of ['/locks/a/b', '/nothing', '/api/locks', '/assets/x.js', '/loginx', '/favicon.ico', '/alerts/rules/1', '/reports/x', '/reports/battery/1']) expect(isPagePath(path), path).toBe(false);
  });
});
