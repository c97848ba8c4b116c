fn main() {
    yew::Renderer::<dsplay_web::App>::new().render();
}
