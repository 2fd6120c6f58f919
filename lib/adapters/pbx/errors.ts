import 'server-only';

/** The gateway has not polled for OFFLINE_AFTER_MS (online.ts), or stopped answering a command. */
export class GatewayOfflineError extends Error {
  constructor(readonly gatewayId: string) {
    super(`gateway ${gatewayId} is offline`);
    this.name = 'GatewayOfflineError';
  }
}

/** The gateway answered a command with an error (protocol §3), e.g. `pbx_auth_failed`. */
export class GatewayCommandError extends Error {
  constructor(
    readonly code: string,
    readonly gatewayMessage: string,
  ) {
    super(`gateway refused: ${code}: ${gatewayMessage}`);
    this.name = 'GatewayCommandError';
  }
}
