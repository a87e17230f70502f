import { createContext, useContext } from 'react';

/**
 * The nonce the page's Content-Security-Policy allows `<style>` elements by (the gateway draws one
 * for each page it sends, server/gateway/spa.ts): a `<style>` React renders carries it. The server
 * renderer is given it (AppRoot); the browser reads it from the page's `<meta property="csp-nonce">`,
 * whose `nonce` a script can read and a CSS selector cannot (browsers hide the attribute).
 */
export const StyleNonceContext = createContext<string | undefined>(undefined);

function nonceOfPage(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  // A browser hides the attribute once parsed (only the property says it); a DOM without CSP keeps it.
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

export function useStyleNonce(): string | undefined {
  return useContext(StyleNonceContext) ?? nonceOfPage();
}
