// Bundled by scripts/bench-regex.mjs (rolldown) so Node runs our TypeScript matcher as the sandbox does.
export { compile } from '../extension/sandbox/interpreter/regex/compile.ts';
export { search } from '../extension/sandbox/interpreter/regex/match.ts';
