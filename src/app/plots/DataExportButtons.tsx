/** A view's CSV and JSON buttons: each saves the file `fileOf(format)` builds (null: nothing to save yet). */
import type { OutputFormat } from '../../core/report';
import { downloadBlob } from '../exportData';
import './dataExport.css';

export interface DataFile {
  text: string;
  type: string;
  name: string;
}

export interface DataExportButtonsProps {
  /** data-export prefix: the buttons are `${id}-csv` and `${id}-json`. */
  id: string;
  disabled: boolean;
  /** What the file holds and in which layout, for the tooltip ("the histograms of this run"). */
  what: string;
  layout: string;
  fileOf: (format: OutputFormat) => DataFile | null;
  /** A class beside `data-export` (its spacing), for a view that places the buttons its own way. */
  className?: string;
}

export function DataExportButtons({ id, disabled, what, layout, fileOf, className }: DataExportButtonsProps) {
  return (
    <span className={className ? `data-export ${className}` : 'data-export'}>
      {(['csv', 'json'] as const).map((format) => (
        <button
          key={format}
          type="button"
          data-export={`${id}-${format}`}
          disabled={disabled}
          title={`save ${what} as ${format.toUpperCase()} (${layout})`}
          onClick={() => {
            const file = fileOf(format);
            if (file) downloadBlob(new Blob([file.text], { type: file.type }), file.name);
          }}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </span>
  );
}
