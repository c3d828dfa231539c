"use client";

import { FieldFrame, inputBase } from "./form-field";

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * A colour as a `#rrggbb` text input (what the label names and errors describe) with a picker
 * beside it; the picker shows black while the text is not a colour yet.
 */
export function ColorField({
  label,
  value,
  onChange,
  hint,
  errors,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint: string;
  errors?: string[];
}) {
  return (
    <FieldFrame label={label} hint={hint} errors={errors}>
      {(control) => (
        <div className="flex items-center gap-2">
          <input
            type="color"
            aria-label={`${label} picker`}
            value={HEX.test(value) ? value.toLowerCase() : "#000000"}
            onChange={(e) => onChange(e.target.value)}
            className="h-10 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
          />
          <input
            {...control}
            value={value}
            onChange={(e) => onChange(e.target.value.trim())}
            maxLength={7}
            spellCheck={false}
            autoComplete="off"
            className={`${inputBase} w-28 font-mono`}
          />
        </div>
      )}
    </FieldFrame>
  );
}
