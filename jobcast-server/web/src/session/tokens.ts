/**
 * Where the dashboard gets its token: a token the person typed (kept in sessionStorage,
 * so it lives as long as the tab and no longer), or, on a developer's embedded server,
 * a dev session the server hands out by itself.
 */
export type SessionSource = "typed" | "dev";

export interface Session {
  token: string;
  source: SessionSource;
}

export const STORAGE_KEY = "jobcast.token";
export const DEV_SESSION_PATH = "/dashboard/dev-session";

export function storedToken(storage: Storage): string | null {
  const token = storage.getItem(STORAGE_KEY);
  return token !== null && token.trim() !== "" ? token : null;
}

export function storeToken(storage: Storage, token: string): void {
  storage.setItem(STORAGE_KEY, token.trim());
}

export function forgetToken(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}

interface DevSessionBody {
  token: string;
  user_id: number;
}

/**
 * The demo user's session when the server offers one (its embedded default, asked from the
 * same machine), null when it does not (404). Other failures are thrown.
 */
export async function fetchDevSession(fetchImpl: typeof fetch = (...a) => fetch(...a), baseUrl = ""): Promise<Session | null> {
  const response = await fetchImpl(baseUrl + DEV_SESSION_PATH, { headers: { Accept: "application/json" } });
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`the server did not hand out a dev session (HTTP ${response.status})`);
  }
  const body = (await response.json()) as Partial<DevSessionBody>;
  if (typeof body.token !== "string" || body.token === "") {
    throw new Error("the server's dev session has no token");
  }
  return { token: body.token, source: "dev" };
}
