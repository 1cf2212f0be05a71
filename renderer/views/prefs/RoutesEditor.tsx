// The routing rules editor for `inbox.routes`: ordered rules, first match wins; each names the numbers or CSID it
// matches and the addresses its faxes go to.
import type { RouteRow } from './prefDraft';

const blank: RouteRow = { to: '', from: '', csid: '', deliverTo: '' };

export function RoutesEditor({ rows, onChange, error, errorRow }: { rows: RouteRow[]; onChange(rows: RouteRow[]): void; error?: string; errorRow?: number }) {
  const update = (index: number, change: Partial<RouteRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    onChange(next);
  };
  return (
    <div className="routes" data-pref="inbox.routes">
      <p className="field-hint">
        Rules are tried from the top; the first whose filled-in fields all match decides where a fax goes. Numbers may end in
        <code>*</code> (<code>+4930*</code>). A fax no rule matches goes to the default recipients above.
      </p>
      {rows.length === 0 ? (
        <p className="muted">No rules: every fax goes to the default recipients.</p>
      ) : (
        <table className="table routes-table">
          <caption className="visually-hidden">Routing rules, first match wins</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Number called</th>
              <th scope="col">Sender number</th>
              <th scope="col">CSID</th>
              <th scope="col">Deliver to</th>
              <th scope="col">
                <span className="visually-hidden">Order and removal</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className={errorRow === index ? 'has-error' : undefined}>
                <td>{index + 1}</td>
                <td>
                  <input aria-label={`Rule ${index + 1}: number called`} value={row.to} placeholder="any" onChange={(event) => update(index, { to: event.target.value })} />
                </td>
                <td>
                  <input aria-label={`Rule ${index + 1}: sender number`} value={row.from} placeholder="any" onChange={(event) => update(index, { from: event.target.value })} />
                </td>
                <td>
                  <input aria-label={`Rule ${index + 1}: CSID`} value={row.csid} placeholder="any" onChange={(event) => update(index, { csid: event.target.value })} />
                </td>
                <td>
                  <input
                    aria-label={`Rule ${index + 1}: deliver to`}
                    value={row.deliverTo}
                    placeholder="sales@example.com, …"
                    aria-invalid={errorRow === index ? true : undefined}
                    onChange={(event) => update(index, { deliverTo: event.target.value })}
                  />
                </td>
                <td className="row-tools">
                  <button type="button" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move rule ${index + 1} up`}>
                    ↑
                  </button>
                  <button type="button" onClick={() => move(index, 1)} disabled={index === rows.length - 1} aria-label={`Move rule ${index + 1} down`}>
                    ↓
                  </button>
                  <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove rule ${index + 1}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => onChange([...rows, { ...blank }])}>
        Add rule
      </button>
    </div>
  );
}
