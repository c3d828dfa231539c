"use client";

import { useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { confirmEmailAction } from "../actions";

export function ConfirmEmail({ token }: { token: string }) {
  const [state, setState] = useState<{ kind: "idle" | "pending" | "done" | "error"; message?: string }>({ kind: "idle" });
  const confirm = async () => {
    setState({ kind: "pending" });
    try {
      const result = await unwrap(confirmEmailAction({ token }));
      setState({ kind: "done", message: result.message });
    } catch (err) {
      setState({
        kind: "error",
        message: err instanceof ActionError && err.code !== "network" ? err.message : "We could not reach the server. Please try again.",
      });
    }
  };
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Confirm your e-mail address</h1>
      <p className="mt-2 text-sm text-slate-700">
        Confirming tells us this address is yours, so we can add your online booking to your record with us.
      </p>
      {state.kind === "done" || state.kind === "error" ? (
        <p role="status" className={`mt-4 text-sm font-medium ${state.kind === "done" ? "text-emerald-800" : "text-red-700"}`}>
          {state.message}
        </p>
      ) : (
        <button
          type="button"
          onClick={confirm}
          disabled={state.kind === "pending"}
          className="mt-4 rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
        >
          {state.kind === "pending" ? "Confirming…" : "Confirm my e-mail address"}
        </button>
      )}
    </section>
  );
}
