/// TLSF, built for code size: constant-time like dlmalloc (Rust's default on wasm), with less
/// code.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

#[cfg(target_arch = "wasm32")]
fn main() {
    caseboard::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Caseboard runs in the browser: start it with `bash scripts/serve.sh`.");
}
