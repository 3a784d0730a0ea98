// Types for bin/build-stamp.js (plain JS: it ships in bin/ and runs before any TypeScript loader).
export declare const SOURCE_DIRS: string[];
export declare const STAMP_FILE: string;
export declare function hasSources(root: string): boolean;
export declare function sourceHash(root: string): string;
export declare function readStamp(root: string): string | undefined;
