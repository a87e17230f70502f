export function spaIsStale(root?: string): boolean;
export function buildSpaIfStale(root?: string): void;
