/**
 * The peer ranges `doctor` checks installed versions against: package.json's
 * `peerDependencies` (a test keeps the two equal).
 */
export const SUPPORTED_RANGES: Readonly<Record<string, string>> = {
  react: '^18.0.0 || ^19.0.0',
  'react-dom': '^18.0.0 || ^19.0.0',
  '@tanstack/react-query': '^5.0.0',
};
