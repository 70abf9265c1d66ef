// NLP.js ships no type declarations. The classifier narrows what it uses to
// a small local interface, so these modules are declared as opaque here.
declare module '@nlpjs/core' {
  export function containerBootstrap(...args: unknown[]): unknown;
}
declare module '@nlpjs/nlp' {
  export const Nlp: new (settings?: Record<string, unknown>, container?: unknown) => unknown;
}
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
declare module '@nlpjs/lang-es' {
  export const LangEs: unknown;
}
