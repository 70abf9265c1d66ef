/**
 * Where a chat turn came from, as the server established it (never as the
 * client claims it). Each entry point sets it on the turn: the session id is
 * built from it, so a conversation on one entry point can never address a
 * session of another, and verification limits use its address.
 */
export interface ChatOrigin {
  /**
   * `local`: this server's own Direct Line (the web page); `emulator`: the Bot
   * Framework Emulator on this machine in local mode; `azure`: a Bot
   * Framework-authenticated channel (Azure Bot Service).
   */
  scope: 'local' | 'emulator' | 'azure';
  /** The visitor's address, when the server saw it itself. */
  clientAddress: string | null;
}

export const ORIGIN = Symbol('chatOrigin');
