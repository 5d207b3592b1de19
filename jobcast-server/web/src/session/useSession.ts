import { useCallback, useEffect, useRef, useState } from "react";
import { fetchDevSession, forgetToken, storedToken, storeToken, type Session } from "./tokens";

export type SessionState =
  | { phase: "starting" }
  | { phase: "signed-in"; session: Session }
  | { phase: "signed-out"; error: string | null; devAvailable: boolean };

export interface SessionControls {
  state: SessionState;
  /** Use a token the person typed (kept for this tab). */
  signIn: (token: string) => void;
  /** Ask the server for the demo user's session again (embedded servers only). */
  signInAsDemo: () => void;
  signOut: () => void;
  /** The server refused the current token (expired, unknown user, new secret, ...). */
  rejected: (reason: string) => void;
  /** The server accepted the current token. */
  accepted: () => void;
}

/**
 * Signs the dashboard in: a typed token kept in sessionStorage first, else the server's dev
 * session, else the sign-in form. A refused dev token is replaced once by a fresh one (a
 * server restarted with a new secret); a refused typed token is forgotten.
 */
export function useSession(storage: Storage = window.sessionStorage): SessionControls {
  const [state, setState] = useState<SessionState>({ phase: "starting" });
  const devAvailable = useRef(false);
  const devRetried = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const startDev = useCallback(async (error: string | null) => {
    try {
      const dev = await fetchDevSession();
      devAvailable.current = dev !== null;
      setState(dev !== null ? { phase: "signed-in", session: dev } : { phase: "signed-out", error, devAvailable: false });
    } catch (e) {
      setState({ phase: "signed-out", error: error ?? String((e as Error).message), devAvailable: false });
    }
  }, []);

  useEffect(() => {
    const token = storedToken(storage);
    if (token !== null) {
      setState({ phase: "signed-in", session: { token, source: "typed" } });
    } else {
      void startDev(null);
    }
  }, [storage, startDev]);

  const signIn = useCallback(
    (token: string) => {
      storeToken(storage, token);
      devRetried.current = false;
      setState({ phase: "signed-in", session: { token: token.trim(), source: "typed" } });
    },
    [storage],
  );

  const signInAsDemo = useCallback(() => {
    devRetried.current = false;
    setState({ phase: "starting" });
    void startDev(null);
  }, [startDev]);

  const signOut = useCallback(() => {
    forgetToken(storage);
    setState({ phase: "signed-out", error: null, devAvailable: devAvailable.current });
  }, [storage]);

  const rejected = useCallback(
    (reason: string) => {
      const current = stateRef.current;
      if (current.phase !== "signed-in") {
        return;
      }
      if (current.session.source === "dev" && !devRetried.current) {
        devRetried.current = true;
        setState({ phase: "starting" });
        void startDev(`the server refused the demo session: ${reason}`);
        return;
      }
      forgetToken(storage);
      setState({ phase: "signed-out", error: `the server refused the token: ${reason}`, devAvailable: devAvailable.current });
    },
    [storage, startDev],
  );

  // Once a token worked, a later refusal (hours on, a new secret) deserves a fresh dev session again.
  const accepted = useCallback(() => {
    devRetried.current = false;
  }, []);

  return { state, signIn, signInAsDemo, signOut, rejected, accepted };
}
