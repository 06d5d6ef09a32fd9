import type { Server } from 'node:http';

/** An `http.Server` (not yet listening) answering GETs with the files under `dir`, never outside it. */
export declare function createStaticServer(dir: string): Server;
