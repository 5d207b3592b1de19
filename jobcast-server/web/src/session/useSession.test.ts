import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STORAGE_KEY } from "./tokens";
import { useSession } from "./useSession";

/** The server's dev-session answers, one per request, in order. */
function devSessions(...answers: Array<string | 404>) {
  const fetch = vi.fn(async () => {
    const next = answers.shift();
    if (next === undefined) {
      throw new Error("no more answers");
    }
    return next === 404
      ? new Response(JSON.stringify({ error: "not_found", message: "no dev session here" }), { status: 404 })
      : new Response(JSON.stringify({ token: next, user_id: 1 }), { status: 200 });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("useSession", () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it("uses the token kept for this tab without asking for a dev session", async () => {
    const fetch = devSessions("dev-1");
    sessionStorage.setItem(STORAGE_KEY, "typed-1");
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() => expect(result.current.state.phase).toBe("signed-in"));
    expect(result.current.state).toEqual({ phase: "signed-in", session: { token: "typed-1", source: "typed" } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("signs in as the demo user where the server offers it", async () => {
    devSessions("dev-1");
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() =>
      expect(result.current.state).toEqual({ phase: "signed-in", session: { token: "dev-1", source: "dev" } }),
    );
  });

  it("asks for a token where the server offers no dev session, and keeps the typed one", async () => {
    devSessions(404);
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() =>
      expect(result.current.state).toEqual({ phase: "signed-out", error: null, devAvailable: false }),
    );
    act(() => result.current.signIn(" typed-2 "));
    expect(result.current.state).toEqual({ phase: "signed-in", session: { token: "typed-2", source: "typed" } });
    expect(sessionStorage.getItem(STORAGE_KEY)).toBe("typed-2");
  });

  it("replaces a refused dev token once, then gives up with the reason", async () => {
    const fetch = devSessions("dev-1", "dev-2");
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() => expect(result.current.state.phase).toBe("signed-in"));
    act(() => result.current.rejected("bad_signature"));
    await waitFor(() =>
      expect(result.current.state).toEqual({ phase: "signed-in", session: { token: "dev-2", source: "dev" } }),
    );
    act(() => result.current.rejected("bad_signature"));
    expect(result.current.state).toEqual({
      phase: "signed-out",
      error: "the server refused the token: bad_signature",
      devAvailable: true,
    });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("gets a fresh dev token again after one was accepted", async () => {
    const fetch = devSessions("dev-1", "dev-2", "dev-3");
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() => expect(result.current.state.phase).toBe("signed-in"));
    act(() => result.current.rejected("expired"));
    await waitFor(() => expect(result.current.state).toMatchObject({ session: { token: "dev-2" } }));
    act(() => result.current.accepted());
    act(() => result.current.rejected("expired"));
    await waitFor(() => expect(result.current.state).toMatchObject({ session: { token: "dev-3" } }));
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("forgets a refused typed token", async () => {
    devSessions();
    sessionStorage.setItem(STORAGE_KEY, "typed-1");
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() => expect(result.current.state.phase).toBe("signed-in"));
    act(() => result.current.rejected("expired"));
    expect(result.current.state).toEqual({ phase: "signed-out", error: "the server refused the token: expired", devAvailable: false });
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it("signs out by forgetting the token", async () => {
    devSessions();
    sessionStorage.setItem(STORAGE_KEY, "typed-1");
    const { result } = renderHook(() => useSession(sessionStorage));
    await waitFor(() => expect(result.current.state.phase).toBe("signed-in"));
    act(() => result.current.signOut());
    expect(result.current.state.phase).toBe("signed-out");
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});
