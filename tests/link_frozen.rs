#![cfg(not(target_arch = "wasm32"))]
use caseboard::formats::link;
use caseboard::model::*;
#[test]
fn measure() {
    for s in [example_scenario(), blank_scenario()] {
        let c3 = link::encode(&s);
        let form = link::form_json(&s);
        let z = miniz_oxide::deflate::compress_to_vec_zlib(form.as_bytes(), 10);
        use base64::Engine;
        let c2 = format!(
            "c2.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z)
        );
        println!(
            "c2 {} c3 {} payload {} bytes: {}",
            c2.len(),
            c3.len(),
            link::payload_json(&s).len(),
            &link::payload_json(&s)[..link::payload_json(&s).len().min(300)]
        );
    }
}
#[test]
fn dump() {
    std::fs::write(
        "/tmp/wtf/payload.json",
        link::payload_json(&example_scenario()),
    )
    .unwrap();
    std::fs::write("/tmp/wtf/form.json", link::form_json(&example_scenario())).unwrap();
}
