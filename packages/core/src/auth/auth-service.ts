import { EMAIL_MAX_LENGTH } from '@switchboard/validators';
import { AppError } from '../errors.ts';
import type { IssuedLogin, LoginSessionService } from './login-sessions.ts';
import type { PublicUser } from './public-user.ts';
import { RateLimiter, type RateLimitResult } from './rate-limit.ts';
import type { SetupInput, UserService } from './users.ts';
import { canonicalEmail } from './validation.ts';

export interface AuthConfig {
  /** Sign-in attempts (successful or not) one IP may make per window. */
  maxAttemptsPerIp: number;
  /** Failed sign-ins one email may collect per window before it is locked; a success clears them. */
  maxFailuresPerAccount: number;
  windowMs: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

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
  private readonly perAccount: RateLimiter;

  constructor(
    private readonly users: UserService,
    private readonly logins: LoginSessionService,
    config: AuthConfig,
  ) {
    const { windowMs, now } = config;
    this.perIp = new RateLimiter({ limit: config.maxAttemptsPerIp, windowMs, ...(now && { now }) });
    this.perAccount = new RateLimiter({ limit: config.maxFailuresPerAccount, windowMs, ...(now && { now }) });
  }

  async login(input: LoginInput): Promise<AuthResult> {
    // Unknown emails get a counter too, so lockout behaviour does not reveal which emails exist either.
    const accountKey = canonicalEmail(input.email).slice(0, EMAIL_MAX_LENGTH);

    // Limits are checked before the password, so a locked account gives nothing away even to the right one.
    throwIfLimited(this.perIp.check(input.ip));
    this.perIp.hit(input.ip);
    throwIfLimited(this.perAccount.check(accountKey));

    const user = await this.users.verifyCredentials(input.email, input.password);
    if (!user) {
      this.perAccount.hit(accountKey);
      throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
    }
    this.perAccount.reset(accountKey);
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
    return this.logins.resolve(token);
  }
}

function throwIfLimited(result: RateLimitResult): void {
  if (result.allowed) return;
  const seconds = result.retryAfterSeconds;
  throw new AppError('TOO_MANY_REQUESTS', `Too many sign-in attempts. Try again in ${seconds} s.`, seconds);
}
