/** A refused control request; `status` is the HTTP status the control API answers with. */
export class SandboxError extends Error {
  constructor(
    readonly status: 404 | 409 | 410,
    message: string,
    /** The session a phone is already linked to, for callers allowed to be told which. */
    readonly linkedTo?: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}
