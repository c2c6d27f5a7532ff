import type { Operation } from '../apply';
import { m } from './strings';

/** The operations "Fill from Relais" would make, shown before anything is touched; nothing happens until Confirm. */
export function OperationsPreview({ ops, onConfirm, onCancel }: { ops: readonly Operation[]; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div data-relais="preview">
      <p>{m('preview', ops.length)}</p>
      <ul>
        {ops.map((o) => (
          <li>
            {o.label} : {o.kind === 'set' ? `${o.from || m('empty')} → ${o.to || m('empty')}` : o.kind === 'check' ? String(o.to) : ''}
          </li>
        ))}
      </ul>
      <div class="a">
        <button class="c pr" data-relais="confirm-fill" onClick={onConfirm}>
          {m('confirmFill')}
        </button>
        <button class="c" onClick={onCancel}>
          {m('cancel')}
        </button>
      </div>
    </div>
  );
}
