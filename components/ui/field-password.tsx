"use client";

import { Field } from "./form-field";

export const MIN_PASSWORD_LENGTH = 10;

/**
 * A new password's problems, in plain words, before it is sent: too short, or not typed the same
 * twice. The password's errors go under `passwordField` (where the API reports them).
 */
export function newPasswordErrors(password: string, confirmation: string, passwordField = "password"): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (password.length < MIN_PASSWORD_LENGTH) errors[passwordField] = [`Use at least ${MIN_PASSWORD_LENGTH} characters.`];
  if (password !== confirmation) errors.confirmPassword = ["The passwords do not match."];
  return errors;
}

/** A new password and its confirmation, as form fields "password" and "confirmPassword". */
export function NewPasswordFields({ errors, confirmErrors }: { errors?: string[]; confirmErrors?: string[] }) {
  return (
    <>
      <Field
        name="password"
        label="Password"
        type="password"
        required
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        errors={errors}
      />
      <Field name="confirmPassword" label="Confirm password" type="password" required autoComplete="new-password" errors={confirmErrors} />
    </>
  );
}
