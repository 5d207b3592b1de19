import { describe, expect, it, vi } from "vitest";
import { DEV_SESSION_PATH, fetchDevSession, forgetToken, storedToken, storeToken } from "./tokens";

describe("fetchDevSession", () => {
  it("is the demo user's session when the server offers one", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ token: "t0k", user_id: 1 }), { status: 200 }));
    expect(await fetchDevSession(fetch, "http://h")).toEqual({ token: "t0k", source: "dev" });
    expect(fetch).toHaveBeenCalledWith(`http://h${DEV_SESSION_PATH}`, expect.anything());
  });

  it("is null where the server offers none", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: "not_found", message: "no" }), { status: 404 }));
    expect(await fetchDevSession(fetch)).toBeNull();
  });

  it("fails on any other answer", async () => {
    await expect(fetchDevSession(vi.fn(async () => new Response("", { status: 500 })))).rejects.toThrow("HTTP 500");
    await expect(fetchDevSession(vi.fn(async () => new Response("{}", { status: 200 })))).rejects.toThrow("no token");
  });
});

describe("the stored token", () => {
  it("is kept trimmed, read back, and forgotten", () => {
    expect(storedToken(sessionStorage)).toBeNull();
    storeToken(sessionStorage, "  abc.def.ghi \n");
    expect(storedToken(sessionStorage)).toBe("abc.def.ghi");
    forgetToken(sessionStorage);
    expect(storedToken(sessionStorage)).toBeNull();
  });
});
