/** Recovery: back to the default parameters, playing, with nothing of the runs before kept. */
import { defaultParams } from '../core/params';
import type { AppStore } from './store';

/**
 * Restores the default parameters and starts a fresh run, even when the parameters already are the
 * defaults. The previous run's results are dropped (they may be what broke the figure), so nothing
 * of them is drawn again; the run manager starts fresh workers for the new run id.
 */
export function resetApp(store: AppStore): void {
  store.setState({ playing: true });
  const before = store.getState().runId;
  store.getState().setParams({ ...defaultParams });
  if (store.getState().runId === before) store.getState().restart();
  store.setState({ previous: null, refusal: null });
}
