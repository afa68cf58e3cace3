fn main() {
    yew::Renderer::<messagebox_lab::App>::new().render();
}
