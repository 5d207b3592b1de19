import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { LiveClient } from "../live/client";
import type { ConnectionState } from "../live/connection";

const LiveClientContext = createContext<LiveClient | null>(null);

/** Makes one live connection available to the hooks below it. */
export function LiveClientProvider({ client, children }: { client: LiveClient; children: ReactNode }) {
  return <LiveClientContext.Provider value={client}>{children}</LiveClientContext.Provider>;
}

export function useLiveClient(): LiveClient {
  const client = useContext(LiveClientContext);
  if (client === null) {
    throw new Error("useLiveClient needs a <LiveClientProvider> above it");
  }
  return client;
}

/** The live connection's state; re-renders on every change. */
export function useConnectionState(): ConnectionState {
  const client = useLiveClient();
  return useSyncExternalStore(client.onStateChange, client.getState, client.getState);
}
