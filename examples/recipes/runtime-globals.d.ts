// Just enough of Bun's and Deno's globals for this repository's tsc to check the recipes. In your
// own project, @types/bun and Deno's built-in types declare them in full.
type FetchHandler = (request: Request) => Response | Promise<Response>;

declare global {
  var Bun: {
    serve(options: {
      hostname?: string | undefined;
      port?: string | number | undefined;
      routes?: Record<string, FetchHandler>;
      fetch?: FetchHandler;
    }): { url: URL; stop(): Promise<void> };
  };
  var Deno: {
    env: { get(name: string): string | undefined };
    serve(
      options: {
        hostname?: string | undefined;
        port?: number;
        onListen?: (address: { hostname: string; port: number }) => void;
      },
      handler: FetchHandler,
    ): unknown;
  };
}

export {};
