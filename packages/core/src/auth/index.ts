export {
  ApiKeyService,
  type ApiKeyServiceOptions,
  type ApiKeyView,
  type CreateApiKeyInput,
  type KeyIdentity,
} from './api-keys.ts';
export {
  type AuthConfig,
  type AuthResult,
  AuthService,
  type AuthSetupInput,
  type ClientInfo,
  type LoginInput,
} from './auth-service.ts';
export {
  type AuthChange,
  apiKeyCredential,
  apiKeyCredentialKey,
  type Credential,
  hashToken,
  type Identity,
  loginCredential,
} from './identity.ts';
export {
  type IssuedLogin,
  type LoginClient,
  type LoginSessionOptions,
  LoginSessionService,
} from './login-sessions.ts';
export {
  assertValidPassword,
  DEFAULT_PASSWORD_HASH_OPTIONS,
  hashPassword,
  type PasswordHashOptions,
  verifyPassword,
} from './passwords.ts';
export type { PublicUser } from './public-user.ts';
export { RateLimiter, type RateLimiterOptions, type RateLimitResult } from './rate-limit.ts';
export {
  type CreateUserInput,
  type SetupInput,
  type UpdateUserInput,
  UserService,
  type UserServiceOptions,
} from './users.ts';
export { normalizeEmail, normalizeName } from './validation.ts';
