//! The few browser services the app uses: local storage, downloads, media queries, focus. Failures are
//! returned as text for the notice bar, never panics.

use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "messagebox-lab/session";

pub fn load() -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()?
}

/// Removes the save of an earlier version once it lives in IndexedDB (`storage.rs`).
pub fn forget_local_save() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

pub fn store(text: &str) -> Result<(), String> {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or("local storage is not available")?;
    storage
        .set_item(STORAGE_KEY, text)
        .map_err(|_| "the browser refused to store it (storage full or disabled)".to_string())
}

pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// True when a key press belongs to a text field or control rather than to the shortcuts.
pub fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            let tag = e.tag_name();
            // Space on a focused button presses the button, as the browser intends.
            (tag == "BUTTON" && event.key() == " ")
                || matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.get_attribute("contenteditable").is_some()
        })
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, text: &str) {
    let blob = gloo_file::Blob::new_with_options(text, Some("application/json"));
    let url = gloo_file::ObjectUrl::from(blob);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    // The browser reads the URL after this returns; revoke it a little later.
    gloo_timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}

const PROGRESS_KEY: &str = "messagebox-lab/progress";

/// The completed lessons' ids.
pub fn load_progress() -> Vec<String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn store_progress(progress: &std::collections::BTreeSet<String>) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let text = serde_json::to_string(progress).unwrap_or_default();
        let _ = storage.set_item(PROGRESS_KEY, &text);
    }
}

/// Where the learner left the panels around the canvas (kept apart from the run).
const PANELS_KEY: &str = "messagebox-lab-panels";

pub fn load_panels() -> crate::lab::panels::Panels {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(PANELS_KEY).ok().flatten())
        .map(|text| crate::lab::panels::Panels::from_json(&text))
        .unwrap_or_default()
}

pub fn store_panels(panels: &crate::lab::panels::Panels) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let text = serde_json::to_string(panels).unwrap_or_default();
        let _ = storage.set_item(PANELS_KEY, &text);
    }
}

/// Sets a CSS custom property on an element through the CSSOM (the Content-Security-Policy allows no
/// inline style attribute).
pub fn set_css_property(element: &web_sys::Element, name: &str, value: &str) {
    if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(element) {
        let _ = el.style().set_property(name, value);
    }
}

pub fn location_hash() -> Option<String> {
    web_sys::window()?.location().hash().ok()
}

/// The hash a `hashchange` event went to. Read from the event, not the address bar: while a run plays,
/// a frame drawn before the event arrives puts the page's own hash back (`show_location`), and the
/// link opened would be lost.
pub fn changed_hash(event: &web_sys::Event) -> Option<String> {
    let url = event.dyn_ref::<web_sys::HashChangeEvent>()?.new_url();
    Some(
        url.find('#')
            .map_or_else(String::new, |at| url[at..].to_string()),
    )
}

/// Puts `hash` in the address bar without a navigation, so a lesson's URL can be shared.
pub fn show_location(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let current = window.location().hash().unwrap_or_default();
    let same = current == hash || (hash == "#/" && current.is_empty());
    if !same {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
        }
    }
}

/// Marks the screen part a lesson step talks about (and only that one).
pub fn highlight(testid: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(old) = document.query_selector_all(".lesson-highlight") {
        for i in 0..old.length() {
            if let Some(el) = old
                .get(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                if el.get_attribute("data-testid").as_deref() != testid {
                    let _ = el.class_list().remove_1("lesson-highlight");
                }
            }
        }
    }
    if let Some(id) = testid {
        if let Ok(Some(el)) = document.query_selector(&format!("[data-testid='{id}']")) {
            let _ = el.class_list().add_1("lesson-highlight");
        }
    }
}

/// The page's clock in milliseconds (for slicing work between frames; the engine never sees it).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
