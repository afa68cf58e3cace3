// Loads the app's wasm. Trunk's own loader is an inline script, which the page's Content-Security-Policy
// forbids, so Trunk.toml turns its injection off and this file does the same job.
import init from "./messagebox-lab.js";

init({ module_or_path: "./messagebox-lab_bg.wasm" });
