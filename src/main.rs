#[cfg(target_arch = "wasm32")]
fn main() {
    caseboard::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Caseboard runs in the browser: start it with `bash scripts/serve.sh`.");
}
