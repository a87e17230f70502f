import { act, type ReactNode, Suspense } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyChunk } from './lazy-chunk';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const Greeting = ({ name }: { name: string }) => <p>Hello {name}</p>;
const chunkOf = () => lazyChunk(() => Promise.resolve({ default: Greeting }));

const inSuspense = (node: ReactNode) => <Suspense fallback={<p>Loading…</p>}>{node}</Suspense>;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('lazyChunk', () => {
  it('renders a preloaded part in the first commit, without its Suspense fallback', async () => {
    const Part = chunkOf();
    await Part.preload();
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    act(() => root.render(inSuspense(<Part name="Ada" />)));
    expect(container.textContent).toBe('Hello Ada');
    act(() => root.unmount());
  });

  it('shows the fallback for a part not loaded yet, then the part', async () => {
    const Part = chunkOf();
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    act(() => root.render(inSuspense(<Part name="Ada" />)));
    expect(container.textContent).toBe('Loading…');
    await act(async () => {
      await Part.preload();
    });
    expect(container.textContent).toBe('Hello Ada');
    act(() => root.unmount());
  });

  it('hydrates a preloaded part’s server markup in one pass (the same node, no recoverable error)', async () => {
    const Part = chunkOf();
    await Part.preload();
    const container = document.body.appendChild(document.createElement('div'));
    container.innerHTML = renderToString(inSuspense(<Part name="Ada" />));
    const serverNode = container.querySelector('p');
    const errors: unknown[] = [];
    let root: ReturnType<typeof hydrateRoot> | undefined;
    act(() => {
      root = hydrateRoot(container, inSuspense(<Part name="Ada" />), { onRecoverableError: (error) => errors.push(error) });
    });
    expect(errors).toEqual([]);
    expect(container.querySelector('p')).toBe(serverNode);
    expect(container.textContent).toBe('Hello Ada');
    act(() => root?.unmount());
  });
});
