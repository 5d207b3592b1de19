// JWTs: HS256 with one shared secret; `sub` a user id as a decimal string, `role` "user"
// when absent (or "worker", "admin"), `exp` required.
import jwt from "jsonwebtoken";

export const ROLES = new Set(["user", "worker", "admin"]);

/** Why a token was refused: a reason code (missing, expired, ...) and a message. */
export class AuthError extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

/** {userId, role, exp} of a valid token; throws an AuthError otherwise. */
export function verifyToken(token, secret) {
  if (typeof token !== "string" || token === "") throw new AuthError("missing", "no token");
  let claims;
  try {
    claims = jwt.verify(token, secret, { algorithms: ["HS256"] });
  } catch (e) {
    throw refusal(e);
  }
  if (typeof claims.exp !== "number") throw new AuthError("bad_claims", "token has no expiry (exp claim)");
  const sub = claims.sub;
  if (typeof sub !== "string" || !/^[1-9][0-9]{0,15}$/.test(sub) || !Number.isSafeInteger(Number(sub))) {
    throw new AuthError("bad_claims", "token subject (sub) must be a user id (a positive decimal integer)");
  }
  const role = claims.role ?? "user";
  if (!ROLES.has(role)) throw new AuthError("bad_claims", `unknown role ${JSON.stringify(role)}`);
  return { userId: Number(sub), role, exp: claims.exp };
}

function refusal(e) {
  if (e instanceof jwt.TokenExpiredError) return new AuthError("expired", `token expired at ${e.expiredAt.toISOString()}`);
  if (e instanceof jwt.NotBeforeError) return new AuthError("not_yet_valid", `token not valid before ${e.date.toISOString()}`);
  if (e.message === "invalid signature") return new AuthError("bad_signature", "token signature is invalid");
  if (e.message === "invalid algorithm") return new AuthError("algorithm_not_allowed", "token algorithm must be HS256");
  return new AuthError("malformed", `token is not a well-formed JWT (${e.message})`);
}

/** The token in an Authorization header value ("Bearer <token>"); throws an AuthError. */
export function bearer(header) {
  if (header === undefined) throw new AuthError("missing", "no token (Authorization: Bearer <token>)");
  const m = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!m) throw new AuthError("malformed", 'the Authorization header is not "Bearer <token>"');
  return m[1];
}

export function issueToken(secret, userId, role, seconds) {
  return jwt.sign({ sub: String(userId), role }, secret, { algorithm: "HS256", expiresIn: seconds });
}
