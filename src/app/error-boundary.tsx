import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Anything a page throws ends here: a sentence and a way out, never a stack dump. Around the routes
 * (layout.tsx) the frame stays and another page (`resetKey`: the path) starts afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { failed: boolean; failedAt?: string }> {
  override state: { failed: boolean; failedAt?: string } = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { failed: boolean; failedAt?: string }) {
    if (!state.failed) return { failedAt: props.resetKey };
    return state.failedAt !== props.resetKey ? { failed: false, failedAt: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Lockboard page error', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="mx-auto flex max-w-xl flex-col items-start gap-3 px-4 py-16 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="text-slate-600 dark:text-slate-300">
          Lockboard hit an unexpected problem showing this page. Reloading usually helps.
        </p>
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="min-h-9 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Reload the page
        </button>
      </div>
    );
  }
}
