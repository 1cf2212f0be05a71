// The mark of a message that may have arrived more than once (an uncertain or strict-mode attempt), with its words for
// screen readers: shown before the subject wherever a message is listed.
export function DuplicateFlag({ possibleDuplicate }: { possibleDuplicate: boolean }) {
  if (!possibleDuplicate) return null;
  return (
    <span className="dup-flag" title="May have arrived more than once">
      ⚠<span className="visually-hidden">May have arrived more than once. </span>
    </span>
  );
}
