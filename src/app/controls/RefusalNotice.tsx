/**
 * Says that the last parameter change was refused (out of range, or beyond the memory and work
 * limits of src/core/resources.ts) and what to lower; nothing ran, and the plots keep the last
 * allowed parameters' results, which the notice names so they are not taken for the refused ones.
 */
import { formatNumber } from '../format';
import { useAppStore } from '../store';
import '../reliability.css';

export function RefusalNotice() {
  const refusal = useAppStore((state) => state.refusal);
  const params = useAppStore((state) => state.current.params);
  const dismiss = useAppStore((state) => state.dismissRefusal);
  if (!refusal || refusal.length === 0) return null;
  const shown = `α = ${formatNumber(params.alpha)}, b = ${formatNumber(params.batchFraction)}, h = ${formatNumber(params.step)}, d = ${params.dim}, N = ${params.samples}`;
  return (
    <div className="refusal" data-refused="true">
      <p>
        <strong>Not run:</strong> {refusal.map((problem) => problem.message).join('; ')}.
      </p>
      <p>The plots still show the last allowed parameters ({shown}).</p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
