export declare const DESKTOP_NODE: string;
export declare function nodeVersionProblem(version: string): string | null;
