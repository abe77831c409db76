/**
 * Keeps a rendering failure of the figure from blanking the page: the boundary shows what went wrong
 * (as text) and a reset that restores the default parameters and restarts (the store's reset); the
 * controls outside the boundary keep working meanwhile.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import './reliability.css';

export interface ErrorBoundaryProps {
  /** What the boundary protects. */
  children: ReactNode;
  /** Puts the app back into a state the children can render (called before they render again). */
  onReset: () => void;
  /** What the boundary protects, for the message ("the figure"). */
  label?: string;
}

interface ErrorBoundaryState {
  error: Error | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn('the figure failed to render:', error, info.componentStack);
  }

  private readonly reset = (): void => {
    this.props.onReset();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="error-boundary" data-error-boundary="">
        <p>
          Drawing {this.props.label ?? 'the figure'} failed: <code>{error.message || error.name}</code>
        </p>
        <button type="button" className="primary" onClick={this.reset}>
          Reset to the default parameters and restart
        </button>
      </div>
    );
  }
}
