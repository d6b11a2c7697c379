//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! `cargo test --target wasm32-unknown-unknown --test web` (scripts/test.sh sets it up).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn mount_replaces_the_loading_message_with_the_example_summary() {
    let doc = document();
    // Append (never replace the body: the test runner reports through its own elements).
    let main = doc.create_element("main").unwrap();
    main.set_id("app");
    main.set_inner_html(r#"<p id="loading">Loading…</p>"#);
    doc.body().unwrap().append_child(&main).unwrap();

    caseboard::ui::mount();

    assert!(
        doc.get_element_by_id("loading").is_none(),
        "loading message removed"
    );
    let rows = doc
        .query_selector_all("[data-testid=summary] tbody tr")
        .unwrap();
    assert_eq!(rows.length(), 4);
    let first = rows.item(0).unwrap().text_content().unwrap();
    // Service desk automation: NPV $144,110 (see tests/model_units.rs for the inputs)
    assert!(
        first.starts_with("Service desk workflow automation"),
        "{first}"
    );
    assert!(first.contains("$144,110"), "{first}");
}
