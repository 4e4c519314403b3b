// The ALTCHA widget's proof of work runs in a worker served by Maillage itself (not a
// blob: worker), so that the Content Security Policy stays as strict as elsewhere.
const tag = document.querySelector("script[data-altcha-worker]");
globalThis.$altcha.algorithms.set("SHA-256", () => new Worker(tag.dataset.altchaWorker));
