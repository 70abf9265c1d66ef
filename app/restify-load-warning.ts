/**
 * restify 11 (the last release for Node 20) loads spdy for its optional
 * HTTP/2-over-SPDY server, and spdy's http-deceiver reads Node's internal HTTP
 * parser through `process.binding('http_parser')` as soon as it is loaded.
 * Node deprecates that access (DEP0111) and prints a warning at every start
 * and in every test that starts the server, though this server never uses
 * SPDY. The warning is not ours to fix, so exactly that one is dropped: any
 * other warning, a DEP0111 for another binding included, still prints.
 *
 * Imported for its effect before restify, in the module that loads restify.
 */

const HTTP_PARSER_BINDING = "process.binding('http_parser')";

/** True for the DEP0111 warning about the http_parser binding and nothing else. */
export function isHttpParserBindingDeprecation(warning: string | Error, typeOrOptions?: unknown, code?: unknown): boolean {
  const message = typeof warning === 'string' ? warning : warning.message;
  const warningCode =
    typeof warning !== 'string' && 'code' in warning
      ? warning.code
      : typeof typeOrOptions === 'object' && typeOrOptions !== null && 'code' in typeOrOptions
        ? typeOrOptions.code
        : code;
  return warningCode === 'DEP0111' && message.includes(HTTP_PARSER_BINDING);
}

const emitWarning = process.emitWarning;
process.emitWarning = function emitWarningExceptHttpParserBinding(this: NodeJS.Process, ...args: Parameters<typeof process.emitWarning>) {
  const [warning, typeOrOptions, code] = args as unknown as [string | Error, unknown, unknown];
  if (isHttpParserBindingDeprecation(warning, typeOrOptions, code)) return;
  return Reflect.apply(emitWarning, this, args);
} as typeof process.emitWarning;
