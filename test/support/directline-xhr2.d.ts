// xhr2 ships no types; it is a drop-in XMLHttpRequest for Node.
declare module 'xhr2' {
  const XMLHttpRequestPolyfill: typeof globalThis.XMLHttpRequest;
  export default XMLHttpRequestPolyfill;
}
