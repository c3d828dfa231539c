"use client";

import { CopyButton } from "./copy-button";
import { inputBase } from "./form-field";

/** A value shown once to be copied (a new key, secret or link): read-only, selected on focus, with a copy button. */
export function CopyField({
  id,
  label,
  value,
  copyLabel,
  inputClassName = "",
}: {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  inputClassName?: string;
}) {
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        spellCheck={false}
        className={`${inputBase} min-w-0 flex-1 font-mono text-xs ${inputClassName}`}
      />
      <CopyButton text={value} label={copyLabel} />
    </div>
  );
}
