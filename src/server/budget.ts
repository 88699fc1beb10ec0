// The time budget of one request: an AbortSignal that fires when the budget is spent, when the
// client goes away, or when the server shuts down and stops waiting. The work it is handed to
// stops (a reader thread is terminated; the writer finishes its batch in hand and returns).
import type { FastifyReply } from "fastify";
import { HttpError } from "./errors.js";

export interface Budget {
  readonly signal: AbortSignal;
  /** Clears the timer; call when the work is done. */
  done(): void;
}

export function startBudget(reply: FastifyReply, ms: number, shutdown: AbortSignal, what: string): Budget {
  const controller = new AbortController();
  const seconds = ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
  const timer = setTimeout(
    () => controller.abort(new HttpError("TIMEOUT", `${what} did not finish within the time budget of ${seconds} and was stopped`, "send a shorter text, or start the server with a larger --timeout")),
    ms,
  );
  const onShutdown = () => controller.abort(new HttpError("SHUTTING_DOWN", `the server is stopping; ${what} was stopped`, "send the request again once it has restarted"));
  const onClose = () => {
    // The response was not sent and the connection is gone: nobody is waiting for the work.
    if (!reply.raw.writableFinished) controller.abort(new HttpError("TIMEOUT", "the client went away", "nothing to do"));
  };
  if (shutdown.aborted) onShutdown();
  shutdown.addEventListener("abort", onShutdown, { once: true });
  reply.raw.once("close", onClose);
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      shutdown.removeEventListener("abort", onShutdown);
      reply.raw.off("close", onClose);
    },
  };
}
