import { useEffect, useMemo, useState } from "react";
import { JobsApi } from "./api/rest";
import { Dashboard } from "./components/Dashboard";
import { SignIn } from "./components/SignIn";
import { LiveClientProvider } from "./hooks/LiveClientContext";
import { LiveClient } from "./live/client";
import { openSocket } from "./live/socket";
import type { Session } from "./session/tokens";
import { useSession } from "./session/useSession";

/** Signs in (dev session, stored or typed token), then shows the dashboard on one live connection. */
export function App() {
  const { state, signIn, signInAsDemo, signOut, rejected, accepted } = useSession();
  switch (state.phase) {
    case "starting":
      return <p className="splash muted">Signing in…</p>;
    case "signed-out":
      return <SignIn error={state.error} devAvailable={state.devAvailable} onToken={signIn} onDemo={signInAsDemo} />;
    case "signed-in":
      return (
        <LiveSession
          key={state.session.token}
          session={state.session}
          onSignOut={signOut}
          onRejected={rejected}
          onAccepted={accepted}
        />
      );
  }
}

interface LiveSessionProps {
  session: Session;
  onSignOut: () => void;
  onRejected: (reason: string) => void;
  onAccepted: () => void;
}

function LiveSession({ session, onSignOut, onRejected, onAccepted }: LiveSessionProps) {
  const [client, setClient] = useState<LiveClient | null>(null);
  const api = useMemo(() => new JobsApi(session.token), [session.token]);

  // One connection per signed-in token; the dashboard is served by jobcast, so it is this origin.
  useEffect(() => {
    const live = new LiveClient(openSocket(window.location.origin, session.token));
    setClient(live);
    return () => live.close();
  }, [session.token]);

  if (client === null) {
    return null;
  }
  return (
    <LiveClientProvider client={client}>
      <Dashboard
        api={api}
        signedInAs={session.source === "dev" ? "demo user" : "token"}
        onSignOut={onSignOut}
        onRejected={onRejected}
        onAccepted={onAccepted}
      />
    </LiveClientProvider>
  );
}
