/** The dispatcher thread's bundle (see worker-bundle.mjs). */
export declare const BUNDLE: string;
/** The files the bundle was made from, with their sizes and modification times. */
export declare const INPUTS: string;
/** True when the bundle is there and none of the files it was made from changed since. */
export declare function bundleIsFresh(bundle?: string, inputsFile?: string): boolean;
