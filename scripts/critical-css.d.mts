export const CRITICAL_CSS_FILE: string;
export function linkedStylesheets(distDir: string): string[];
export function writeCriticalCss(
  distDir: string,
  root?: string,
): Promise<{ file: string; bytes: number; gzipBytes: number; fullBytes: number; fullGzipBytes: number; rendered: string[] }>;
