//! (being written)
use yew::prelude::*;

use crate::state::State;

#[derive(Properties, PartialEq)]
pub struct FlowPlayerProps {
    pub state: UseReducerHandle<State>,
}

#[function_component(FlowPlayer)]
pub fn flow_player(_props: &FlowPlayerProps) -> Html {
    html! {}
}
