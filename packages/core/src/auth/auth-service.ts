import { EMAIL_MAX_LENGTH } from '@switchboard/validators';
import { userActor } from '../access.ts';
import { AppError } from '../errors.ts';
import type { ApiKeyService } from './api-keys.ts';
import { FailureThrottle } from './failure-throttle.ts';
import {
  type AuthChange,
  type Credential,
  type Identity,
  IdentityCache,
  loginCredential,
} from './identity.ts';
import type { IssuedLogin, LoginSessionService } from './login-sessions.ts';
import type { PublicUser } from './public-user.ts';
import { RateLimiter } from './rate-limit.ts';
import { sourceKey } from './source-key.ts';
import type { SetupInput, UserService } from './users.ts';
import { canonicalEmail } from './validation.ts';

export interface AuthConfig {
  /** Sign-in attempts (successful or not) one IP may make per window. */
  maxAttemptsPerIp: number;
  /** Wrong passwords for one account from one IP before each further try from there has to wait. */
  maxFailuresPerAccount: number;
  /**
   * Wrong passwords for one account from all IPs together before tries from IPs that never signed in to it
   * have to wait too (a distributed guess); IPs that did sign in to it are not held up by the others.
   */
  maxFailuresAcrossIps: number;
  /** The rate-limit window; also the longest wait. */
  windowMs: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

/** The first wait past the free failures; it doubles with each further one, up to the window. */
const FIRST_SIGN_IN_DELAY_MS = 30_000;
/** Remembered (account, source) pairs that signed in, so others' failures do not hold them up. */
const KNOWN_SOURCES_MAX = 10_000;

export interface ClientInfo {
  ip: string;
  userAgent?: string | null;
}

export interface LoginInput extends ClientInfo {
  email: string;
  password: string;
}

export type AuthSetupInput = SetupInput & ClientInfo;

export interface AuthResult extends IssuedLogin {
  user: PublicUser;
}

/** One message for unknown email and wrong password, so the form does not reveal who has an account. */
const WRONG_CREDENTIALS = 'Wrong email or password';

export class AuthService {
  private readonly perIp: RateLimiter;
  /** Per (account, source): the throttle a guesser from one place runs into. */
  private readonly perAccountAndSource: FailureThrottle;
  /** Per account, for sources that never signed in to it: the throttle for guesses from many places. */
  private readonly perAccount: FailureThrottle;
  private readonly knownSources = new Set<string>();
  private readonly identities: IdentityCache;
  private readonly changeListeners = new Set<(change: AuthChange) => void>();

  constructor(
    private readonly users: UserService,
    private readonly logins: LoginSessionService,
    private readonly apiKeys: ApiKeyService,
    config: AuthConfig,
  ) {
    const { windowMs, now } = config;
    const delays = {
      baseDelayMs: Math.min(FIRST_SIGN_IN_DELAY_MS, windowMs),
      maxDelayMs: windowMs,
      ...(now && { now }),
    };
    this.perIp = new RateLimiter({ limit: config.maxAttemptsPerIp, windowMs, ...(now && { now }) });
    this.perAccountAndSource = new FailureThrottle({ freeFailures: config.maxFailuresPerAccount, ...delays });
    this.perAccount = new FailureThrottle({ freeFailures: config.maxFailuresAcrossIps, ...delays });
    this.identities = new IdentityCache((credential) => {
      if (credential.kind === 'key') {
        const key = apiKeys.lookup(credential.secret, credential.hash);
        return (
          key && {
            user: key.user,
            actor: { ...userActor(key.user), key: key.grant },
            expiresAt: key.expiresAt,
          }
        );
      }
      const login = logins.lookup(credential.secret);
      if (!login) return null;
      const { user, expiresAt } = login;
      return { user, actor: userActor(user), expiresAt };
    }, now && { now });
  }

  /**
   * Who presents this credential, as of now — asked on every call and every streamed event, so a sign-out,
   * password reset, demotion, deletion or a revoked key takes effect at once. Cached; `changed` keeps the
   * cache true.
   */
  identify(credential: Credential): Identity | null {
    return this.identities.resolve(credential);
  }

  /**
   * `identify` for a new request (a call, a stream being opened, a sandbox request): an API key's request
   * also counts against its rate limit (TOO_MANY_REQUESTS past it) and marks it used.
   */
  authenticate(credential: Credential): Identity | null {
    const identity = this.identify(credential);
    if (identity?.actor.key) this.apiKeys.admit(identity.actor.key.id);
    return identity;
  }

  /** A user or sign-in changed (the event bus says so): forget what it affects, then tell the listeners. */
  changed(change: AuthChange): void {
    this.identities.forget(change);
    for (const listener of this.changeListeners) listener(change);
  }

  /** Listens for changes to users and sign-ins, after the cache has forgotten them (e.g. to end streams). */
  onChange(listener: (change: AuthChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async login(input: LoginInput): Promise<AuthResult> {
    // Unknown emails get counters too, so throttling does not reveal which emails exist either.
    const account = canonicalEmail(input.email).slice(0, EMAIL_MAX_LENGTH);
    const source = sourceKey(input.ip);
    const pair = `${account}\n${source}`;

    // Limits are checked before the password, so a throttled try gives nothing away even with the right one.
    const perIp = this.perIp.check(source);
    if (!perIp.allowed) throw tooManyAttempts(perIp.retryAfterSeconds * 1000);
    this.perIp.hit(source);
    throwIfWaiting(this.perAccountAndSource.waitMs(pair));
    const accountWait = this.perAccount.waitMs(account);
    if (accountWait > 0 && !this.knownSources.has(pair) && !this.logins.signedInFrom(account, input.ip))
      throwIfWaiting(accountWait);
    // Counted now, before the slow password check, so simultaneous guesses each see the ones before them.
    this.perAccountAndSource.begin(pair);
    this.perAccount.begin(account);

    const user = await this.users.verifyCredentials(input.email, input.password);
    if (!user) throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS, { reason: 'auth.wrong_credentials' });
    this.perAccountAndSource.succeeded(pair, true);
    // Only this attempt is given back: signing in must not wipe out what others tried meanwhile.
    this.perAccount.succeeded(account, false);
    this.#remember(pair);
    return { user, ...this.logins.create(user.id, input) };
  }

  /** First-run: creates the admin (FORBIDDEN once anyone exists) and signs them in. */
  async setup(input: AuthSetupInput): Promise<AuthResult> {
    const user = await this.users.setupFirstAdmin(input);
    return { user, ...this.logins.create(user.id, input) };
  }

  logout(token: string): void {
    this.logins.revoke(token);
  }

  userForToken(token: string): PublicUser | null {
    return this.identify(loginCredential(token))?.user ?? null;
  }

  #remember(pair: string): void {
    this.knownSources.delete(pair);
    this.knownSources.add(pair);
    for (const oldest of this.knownSources) {
      if (this.knownSources.size <= KNOWN_SOURCES_MAX) break;
      this.knownSources.delete(oldest);
    }
  }
}

function tooManyAttempts(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('TOO_MANY_REQUESTS', `Too many sign-in attempts. Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
    reason: 'auth.too_many_attempts',
    params: { seconds },
  });
}

function throwIfWaiting(waitMs: number): void {
  if (waitMs > 0) throw tooManyAttempts(waitMs);
}
