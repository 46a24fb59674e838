/** The headers of every response of the preview server (and of the dev and preview servers of vite). */
export declare const SITE_HEADERS: Record<string, string>;
/** Serves a folder of static files on 127.0.0.1 (port 0: any free port). */
export declare function serveSite(root: string, port?: number): Promise<{ url: string; close: () => Promise<void> }>;
