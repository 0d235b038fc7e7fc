// Kept as a file (not inline) so the Content-Security-Policy can forbid inline scripts.
import init from "./orderdesk_ui.js";
init({ module_or_path: new URL("./orderdesk_ui_bg.wasm", import.meta.url) });
