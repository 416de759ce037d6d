// The few web-platform globals that every runtime the engine targets (browsers, workers, Node ≥ 18) provides.
// app/ compiles without DOM and Node types, so anything beyond these is a layering error.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare const performance: { now(): number };
declare class TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
