/** Play / pause, restart, new seed and pin. */
import { useAppStore } from '../store';
import { PinButton } from '../pins/PinButton';

export function RunControls() {
  const playing = useAppStore((state) => state.playing);
  const seed = useAppStore((state) => state.current.params.seed);
  const setPlaying = useAppStore((state) => state.setPlaying);
  const restart = useAppStore((state) => state.restart);
  const newSeed = useAppStore((state) => state.newSeed);
  return (
    <div className="run-controls" role="group" aria-label="run controls">
      <button type="button" className="primary" aria-pressed={!playing} title="play or pause the computation (shortcut: space)" onClick={() => setPlaying(!playing)}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" title="run the current parameters again (shortcut: r)" onClick={restart}>
        ↻ Restart
      </button>
      <button type="button" onClick={newSeed} title="new datasets, noise and theory samples">
        ⚄ New seed <span className="seed">(seed {seed})</span>
      </button>
      <PinButton />
    </div>
  );
}
