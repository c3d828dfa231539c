import { SuccessNote, primaryButton, secondaryButton } from "./form-field";

/** A form's submit button: disabled while the form is sent, saying what is happening. */
export function SubmitButton({
  pending,
  pendingLabel = "Saving…",
  disabled = false,
  className = primaryButton,
  children,
}: {
  pending: boolean;
  pendingLabel?: string;
  disabled?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <button type="submit" className={className} disabled={pending || disabled}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** Submit and, where the form can be left without saving, Cancel. */
export function FormActions({
  pending,
  pendingLabel,
  label,
  onCancel,
  className = "",
}: {
  pending: boolean;
  pendingLabel?: string;
  label: string;
  onCancel?: () => void;
  className?: string;
}) {
  return (
    <div className={`flex flex-wrap gap-2 ${className}`}>
      <SubmitButton pending={pending} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      {onCancel && (
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      )}
    </div>
  );
}

export type SaveBarProps = {
  pending: boolean;
  label: string;
  /** The last save's confirmation; hidden while there are unsaved changes. */
  notice?: string | null;
  /** Whether anything changed; when false there is nothing to save. Omit where changes are not tracked. */
  dirty?: boolean;
  /** Puts the saved values back: with `dirty`, shows "Discard changes" and "Unsaved changes". */
  onDiscard?: () => void;
  /** More buttons, after Save and Discard. */
  children?: React.ReactNode;
};

/** The row that ends an editing form: save, discard, any other buttons, and what happened. */
export function SaveBar({ pending, label, notice = null, dirty, onDiscard, children }: SaveBarProps) {
  const discardable = Boolean(dirty && onDiscard);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <SubmitButton pending={pending} disabled={dirty === false}>
        {label}
      </SubmitButton>
      {discardable && (
        <button type="button" className={secondaryButton} onClick={onDiscard}>
          Discard changes
        </button>
      )}
      {children}
      {discardable && <span className="text-sm text-amber-700">Unsaved changes</span>}
      <SuccessNote message={dirty ? null : notice} />
    </div>
  );
}
