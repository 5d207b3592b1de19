import { useState, type FormEvent } from "react";

interface SignInProps {
  error: string | null;
  /** The server offers the demo user's session (its embedded default). */
  devAvailable: boolean;
  onToken: (token: string) => void;
  onDemo: () => void;
}

/** Asks for a JWT (e.g. from `java -jar jobcast.jar token --user-id N`); kept for this tab only. */
export function SignIn({ error, devAvailable, onToken, onDemo }: SignInProps) {
  const [token, setToken] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim() !== "") {
      onToken(token);
    }
  };
  return (
    <div className="signin">
      <form className="panel signin__form" onSubmit={submit}>
        <h1 className="topbar__brand">
          jobcast <span className="topbar__sub">dashboard</span>
        </h1>
        <label htmlFor="token">Access token</label>
        <textarea
          id="token"
          rows={4}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder="eyJhbGciOiJIUzI1NiIs…"
          spellCheck={false}
          autoComplete="off"
        />
        <p className="muted">
          A JWT for your user: <code>java -jar jobcast.jar token --user-id N</code>. It is kept in this tab only.
        </p>
        {error !== null && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <div className="signin__actions">
          <button type="submit" className="button" disabled={token.trim() === ""}>
            Sign in
          </button>
          {devAvailable && (
            <button type="button" className="button button--ghost" onClick={onDemo}>
              Use the demo user
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
