import { describe, expect, it } from 'vitest';
import { isChunkLoadError } from './lazy-chunk';

describe('isChunkLoadError', () => {
  it('knows a chunk that could not be fetched, as each browser and Vite word it', () => {
    const failures = [
      new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:8080/assets/groups-page-Ab12.js'),
      new TypeError('error loading dynamically imported module: http://127.0.0.1:8080/assets/groups-page-Ab12.js'),
      new TypeError('Importing a module script failed.'),
      new Error('Unable to preload CSS for /assets/groups-page-Ab12.css'),
    ];
    expect(failures.filter((error) => !isChunkLoadError(error))).toEqual([]);
  });

  it('leaves a chunk that loaded but failed to run to the error boundary', () => {
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'map')"))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });
});
