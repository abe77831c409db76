/** What is running: per cent of the horizon done by the theory and by the simulations, failures and divergences. */
import { formatPercent } from '../format';
import { simulationProgress, theoryProgress } from '../runResults';
import { jobSources, type JobSource } from '../../pipeline/protocol';
import { useAppStore } from '../store';
import { divergenceText, groupDivergences } from '../divergences';

const jobNames: Record<JobSource, string> = { theory: 'DMFT of the SGF', sgdTheory: 'DMFT of SGD', sgf: 'SGF simulation', sgd: 'SGD simulation' };

export function RunStatus() {
  const current = useAppStore((state) => state.current);
  const playing = useAppStore((state) => state.playing);
  const restart = useAppStore((state) => state.restart);
  const { status } = current;
  const theoryPercent = formatPercent(theoryProgress(status));
  const simulationPercent = formatPercent(simulationProgress(status));
  const notes = groupDivergences(jobSources.flatMap((source) => current.series[source] ?? [])).map(divergenceText);
  const failures = jobSources.filter((source) => status[source].error !== null);
  const summary = [`theory ${theoryPercent}`, `simulations ${simulationPercent}`, ...notes].join(' · ');
  return (
    <div className="run-status" data-run-id={current.runId}>
      <p role="status" className="status-line">
        {playing ? '' : 'paused · '}
        {summary}
      </p>
      <div className="progress-bars">
        <label htmlFor="progress-theory">theory, N = {current.params.samples}</label>
        <progress id="progress-theory" max={1} value={theoryProgress(status)} />
        <label htmlFor="progress-simulations">
          simulations, d = {current.params.dim}: {status.sgf.jobsDone + status.sgd.jobsDone}/{status.sgf.jobsTotal + status.sgd.jobsTotal}
        </label>
        <progress id="progress-simulations" max={1} value={simulationProgress(status)} />
      </div>
      {failures.map((source) => (
        <div key={source} role="alert" className="failure">
          {jobNames[source]} failed: {status[source].error}{' '}
          <button type="button" onClick={restart}>
            Retry
          </button>
        </div>
      ))}
    </div>
  );
}
