// One preference's control with its label, a line on what it does, and the refusal message under it.
import { useId, type ReactNode } from 'react';
import type { PrefKey } from '../../../shared/prefs';
import type { FieldKind, Raw } from './prefDraft';

export interface PrefFieldProps {
  prefKey: PrefKey;
  label: string;
  kind: FieldKind;
  raw: Raw;
  onChange(raw: Raw): void;
  error?: string;
  hint?: ReactNode;
  choices?: Array<{ value: string; label: string }>;
  placeholder?: string;
  /** Width class: short for ports and counts. */
  size?: 'short' | 'medium' | 'long';
}

export function PrefField(props: PrefFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.prefKey,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? true : undefined,
    'data-pref': props.prefKey,
  };

  let control: ReactNode;
  switch (props.kind) {
    case 'bool':
      control = <input {...common} type="checkbox" checked={props.raw === true} onChange={(event) => props.onChange(event.target.checked)} />;
      break;
    case 'choice':
      control = (
        <select {...common} value={String(props.raw)} onChange={(event) => props.onChange(event.target.value)}>
          {props.choices?.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'list':
      control = (
        <textarea
          {...common}
          rows={2}
          className={props.size ?? 'long'}
          value={String(props.raw)}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          className={props.size ?? 'long'}
          type={props.kind === 'password' ? 'password' : 'text'}
          inputMode={props.kind === 'number' ? 'decimal' : undefined}
          autoComplete={props.kind === 'password' ? 'new-password' : 'off'}
          spellCheck={false}
          value={String(props.raw)}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
      );
  }

  return (
    <div className={`field ${props.kind === 'bool' ? 'field-check' : ''} ${props.error ? 'has-error' : ''}`}>
      {props.kind === 'bool' ? (
        <div className="field-control">
          {control}
          <label htmlFor={id}>{props.label}</label>
        </div>
      ) : (
        <>
          <label htmlFor={id}>{props.label}</label>
          <div className="field-control">{control}</div>
        </>
      )}
      {props.hint && (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
