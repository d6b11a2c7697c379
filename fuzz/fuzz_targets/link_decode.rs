//! Decoding never panics, whatever the input, and whatever decodes survives another round trip.
//!
//! The first byte picks what the rest is:
//! 0. text as a user might paste it: a link, a URL or a saved file (both decoders);
//! 1. bytes behind a valid link prefix (base64url of them, as if deflated);
//! 2. a positional form behind a valid prefix and a valid deflate stream (reaches the structure
//!    checks directly).
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use caseboard::model::{link, saved, Scenario};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            let text = String::from_utf8_lossy(rest);
            if let Ok(s) = link::decode(&text) {
                round_trips(&s);
            }
            if let Ok(loaded) = saved::from_json(&text) {
                round_trips(&loaded.scenario);
            }
        }
        1 => {
            if let Ok(s) = link::decode(&format!("c1.{}", URL_SAFE_NO_PAD.encode(rest))) {
                round_trips(&s);
            }
        }
        _ => {
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(rest, 1);
            if let Ok(s) = link::decode(&format!("c1.{}", URL_SAFE_NO_PAD.encode(packed))) {
                round_trips(&s);
            }
        }
    }
});

/// A decoded scenario reads back identically (bit for bit) from a new link and a saved file.
fn round_trips(s: &Scenario) {
    let text = saved::to_json(s);
    let again = link::decode(&link::encode(s)).expect("a new link reads");
    assert_eq!(saved::to_json(&again), text, "link round trip");
    let loaded = saved::from_json(&text).expect("a saved file reads");
    assert_eq!(saved::to_json(&loaded.scenario), text, "saved-file round trip");
}
