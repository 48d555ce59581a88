/**
 * The sandboxed interpreter page (manifest "sandbox"): no extension APIs, an opaque origin, and a CSP without eval.
 * Scripts written by models will run here in our own tree-walking interpreter; until it lands this page only
 * announces itself, so the host can already check it is reachable.
 */
const SANDBOX_VERSION = 1;
window.parent.postMessage({ type: 'sandbox.ready', version: SANDBOX_VERSION }, '*');
