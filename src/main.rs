fn main() {
    // IndexedDB answers asynchronously: the saved lab is read before the app starts.
    wasm_bindgen_futures::spawn_local(async {
        let loaded = messagebox_lab::storage::load().await;
        yew::Renderer::<messagebox_lab::App>::with_props(messagebox_lab::app::AppProps {
            loaded: Some(std::rc::Rc::new(loaded)),
        })
        .render();
    });
}
