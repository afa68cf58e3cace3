//! The page's address with a shared run's fragment, and the clipboard.

/// This page's address (without its fragment) followed by `fragment`.
pub fn page_url(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}{fragment}")
}

/// Puts the link on the clipboard; where the browser refuses, the share panel's field still holds it.
pub fn copy_link(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window
            .navigator()
            .clipboard()
            .write_text(&page_url(fragment));
    }
}
